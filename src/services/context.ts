import type { OfficeHours } from '../domain/voice/office-hours';
import type { Db } from '../db/database';
import type { QuietHours } from '../domain/quiet-hours';
import type { UrgencySettings } from '../domain/task-timing';
import type { Logger } from '../log';
import type { JobQueue } from '../queue/jobs';
import type { SmsGateway } from '../sms/sms-gateway';
import type { InboundSignal } from '../live/inbound-signal';
import type { TaskEventPublisher } from '../live/task-events';
import type { VoiceGateway } from '../voice/voice-gateway';

/** What every use case needs: the database, the job queue, the clock and a few settings. */
export interface ServiceContext {
  db: Db;
  jobs: JobQueue;
  sms: SmsGateway;
  log: Logger;
  now: () => Date;
  settings: ServiceSettings;
  /** Tells open task pages that a task changed (after commit). */
  taskEvents: TaskEventPublisher;
  /** Wakes the inbound drains once new inbound SMS are committed. */
  inbound: InboundSignal;
  /** Issue 15: outbound calls (Twilio Programmable Voice, or the simulator). */
  voice: VoiceGateway;
}

export interface ServiceSettings {
  /** The number (or messaging service) outbound SMS are recorded as coming from. */
  serviceNumber: string;
  coordinatorPhone: string | undefined;
  /** The volunteer centre the help text names (CENTRE_NAME, CENTRE_PHONE). */
  centre: { name: string; phone: string };
  smsSendLeaseSeconds: number;
  /** The sweeper leaves work younger than this alone (see Config). */
  sweepGraceSeconds: number;
  retentionDays: number;
  quietHours: QuietHours;
  urgency: UrgencySettings;
  /** Issue 15: the <Say> voice per language code where configuration overrides the language file (VOICE_NB). */
  voices: Record<string, string>;
  /** Issue 15: calls in are put through to the coordinator in these hours (OFFICE_HOURS). */
  officeHours: OfficeHours;
}
