import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { ContactPreference } from '../domain/contact-preference';

/** bigserial ids come back from pg as strings; we keep them as strings end to end. */
type Id = ColumnType<string, string | number | bigint, string | number | bigint>;
type GeneratedId = ColumnType<string, never, never>;
type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** A calendar date (`date` column), kept as 'YYYY-MM-DD' text: no time zone can shift it. */
type DateOnly = ColumnType<string, string, string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, Date | string>;

export interface VolunteerTable {
  id: GeneratedId;
  name: string;
  /** NULL only once erased (GDPR), which frees the number. */
  phone: ColumnType<string | null, string, string | null>;
  language: Generated<string>;
  opted_out_at: Timestamp | null;
  last_assigned_at: Timestamp | null;
  task_types: Generated<string[]>;
  areas: Generated<string[]>;
  notes: Generated<string>;
  agreement_signed_on: DateOnly | null;
  confidentiality_signed_on: DateOnly | null;
  police_certificate_on: DateOnly | null;
  training_on: DateOnly | null;
  paused_until: DateOnly | null;
  availability: ColumnType<AvailabilityWindowJson[], string | undefined, string>;
  absences: ColumnType<AbsenceJson[], string | undefined, string>;
  max_tasks_per_week: number | null;
  /** Issue 14: ranking counters kept by triggers (sql/0014), aged by the sweeper; never written by the app. */
  recent_offers: ColumnType<number, never, never>;
  recent_assignments: ColumnType<number, never, never>;
  answered_offers: ColumnType<number, never, never>;
  resolved_offers: ColumnType<number, never, never>;
  /** When one counted event leaves its window; the counters are exact until then. */
  counters_valid_until: ColumnType<Date | null, never, never>;
  /** The answer rate the ranking uses, negated (generated column). */
  rank_rate: ColumnType<number, never, never>;
  /** Offers this volunteer has not answered yet (pending or open), kept by the offer trigger (sql/0019). */
  live_offers: ColumnType<number, never, never>;
  /** Issue 15: how offers reach the volunteer. */
  contact_preference: Generated<ContactPreference>;
  /** Never offered anything while set; kept for reports and history. */
  deactivated_at: Timestamp | null;
  /** Personal data erased on request (always deactivated too). */
  erased_at: Timestamp | null;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

export interface AvailabilityWindowJson { weekday: number; from: string; to: string }
export interface AbsenceJson { from: string; to: string }
/** «Tolk som JA / NEI / AVBRYT / STOPP / Ikke svar». */
export type ReplyLabel = 'yes' | 'no' | 'cancel' | 'stop' | 'none';
/** message.reading: what src/domain/reply-reading made of a reply, and in which context. */
export interface ReplyReadingJson {
  intent: string;
  evidence: string[];
  context: 'offer' | 'accepted' | 'none';
  question?: string;
  note?: string;
  day?: unknown;
}
export type RequirementName = 'confidentiality' | 'police_certificate' | 'training';

export type TaskStatus = 'new' | 'searching' | 'assigned' | 'unfilled' | 'cancelled';
export type TaskType = 'shopping' | 'escort' | 'visit' | 'walk' | 'practical' | 'other';

export interface TaskTable {
  id: GeneratedId;
  type: TaskType;
  starts_at: Timestamp;
  duration_minutes: number;
  area: string;
  summary: string;
  details: string;
  wave_size: Generated<number>;
  offer_timeout_minutes: Generated<number>;
  status: Generated<TaskStatus>;
  assigned_volunteer_id: Id | null;
  waves_sent: Generated<number>;
  dispatched_at: Timestamp | null;
  assigned_at: Timestamp | null;
  closed_at: Timestamp | null;
  unit_id: Id | null;
  created_by: Id | null;
  requirements: Generated<RequirementName[]>;
  person_ref: string | null;
  fill_by: Timestamp | null;
  urgent: Generated<boolean>;
  deadline_alerted_at: Timestamp | null;
  /** Issue 11: the requester who ordered it by SMS, its reference («K7») and doorstep word. */
  requester_id: ColumnType<string | null, string | number | bigint | null | undefined, string | number | bigint | null>;
  request_ref: ColumnType<string | null, string | null | undefined, string | null>;
  doorstep_word: ColumnType<string | null, string | null | undefined, string | null>;
  /** «Send nå likevel»: offers of this task ignore quiet hours until then (sql/0011). */
  quiet_hours_override_until: ColumnType<Date | null, Date | null | undefined, Date | null>;
  /** Issue 13: bumped by every coordinator edit (compare-and-set for the edit form). */
  edit_version: Generated<number>;
  /** Issue 14: when a fill last left the task short of its wave with nobody more to ask; null while a fill is owed. */
  fill_settled_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** Issue 14: dispatched and waiting for the batched fill (fill-searching-tasks); null once filled. */
  fill_requested_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

export type OfferStatus = 'pending' | 'open' | 'accepted' | 'declined' | 'expired' | 'withdrawn' | 'failed';

export interface OfferTable {
  id: GeneratedId;
  task_id: Id;
  volunteer_id: Id;
  wave: number;
  status: Generated<OfferStatus>;
  close_reason: string | null;
  created_at: CreatedAt;
  sent_at: Timestamp | null;
  expires_at: Timestamp | null;
  answered_at: Timestamp | null;
  closed_at: Timestamp | null;
  /** The assigned volunteer cancelled (AVBRYT): still 'accepted' for the record, no longer holding the task (sql/0010). */
  released_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export interface AssignmentTable {
  id: GeneratedId;
  task_id: Id;
  volunteer_id: Id;
  offer_id: Id | null;
  source: 'sms' | 'manual' | 'call';
  status: Generated<'active' | 'cancelled' | 'done'>;
  assigned_at: CreatedAt;
  cancelled_at: Timestamp | null;
  cancelled_by: 'volunteer' | 'coordinator' | null;
  reminded_day_before_at: Timestamp | null;
  reminded_two_hours_at: Timestamp | null;
  check_in: 'asked' | 'ok' | 'follow_up' | 'no_answer' | null;
  check_in_asked_at: Timestamp | null;
  check_in_answered_at: Timestamp | null;
  hours: ColumnType<string | null, string | number | null, string | number | null>;
  follow_up_handled_at: Timestamp | null;
  follow_up_handled_by: Id | null;
}

/** `cancelled`: never sent, because what it offered was withdrawn before it left. */
export type OutboundStatus = 'queued' | 'sending' | 'sent' | 'delivered' | 'undelivered' | 'failed' | 'cancelled';
export type InboundStatus = 'received' | 'processed';

export interface MessageTable {
  id: GeneratedId;
  direction: 'inbound' | 'outbound';
  twilio_sid: string | null;
  from_phone: string;
  to_phone: string;
  body: string;
  kind: string;
  volunteer_id: Id | null;
  task_id: Id | null;
  offer_id: Id | null;
  status: OutboundStatus | InboundStatus;
  error_code: string | null;
  attempts: Generated<number>;
  needs_reconcile: Generated<boolean>;
  claimed_at: Timestamp | null;
  sent_at: Timestamp | null;
  status_at: Timestamp | null;
  classification: string | null;
  provider_opt_out: string | null;
  needs_attention: Generated<boolean>;
  processed_at: Timestamp | null;
  handled_at: Timestamp | null;
  handled_by: Id | null;
  body_erased_at: Timestamp | null;
  send_after: Timestamp | null;
  /** MMS: how many media came with an inbound message (their links are in inbound_media). */
  media_count: Generated<number>;
  /** How the reply was read (issue 12); null for outbound and for messages from before it. */
  reading: ColumnType<ReplyReadingJson | null, string | undefined, string | null>;
  /** A coordinator's reading from Innboks: applied as that keyword, kept as a labelled example. */
  reading_label: ReplyLabel | null;
  reading_labelled_by: Id | null;
  reading_labelled_at: Timestamp | null;
  requester_id: ColumnType<string | null, string | number | bigint | null | undefined, string | number | bigint | null>;
  /** The request conversation this SMS belongs to (both ways), for the task timeline (sql/0010). */
  request_draft_id: ColumnType<string | null, string | number | bigint | null | undefined, string | number | bigint | null>;
  /** A voicemail (issue 15): Twilio's recording URL (without extension) and its length in seconds (sql/0017). */
  recording_url: ColumnType<string | null, string | null | undefined, string | null>;
  recording_seconds: ColumnType<number | null, number | null | undefined, number | null>;
  /** Inbound: how often handling it failed, and when it first did (sql/0021). */
  handling_failures: Generated<number>;
  first_handling_failure_at: Timestamp | null;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

/** A picture or file of an inbound MMS: Twilio's link to it, never read by Svarja itself. */
export interface InboundMediaTable {
  message_id: Id;
  position: number;
  url: string;
  content_type: string;
}

export interface UnitTable {
  id: GeneratedId;
  name: string;
  created_at: CreatedAt;
}

export type CoordinatorRole = 'admin' | 'coordinator';

export interface CoordinatorTable {
  id: GeneratedId;
  email: string;
  name: string;
  password_hash: string;
  role: Generated<CoordinatorRole>;
  unit_id: Id | null;
  active: Generated<boolean>;
  last_login_at: Timestamp | null;
  created_at: CreatedAt;
}

export interface ApiTokenTable {
  id: GeneratedId;
  coordinator_id: Id;
  name: string;
  token_hash: string;
  token_prefix: string;
  created_at: CreatedAt;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface AuditEventTable {
  id: GeneratedId;
  at: CreatedAt;
  coordinator_id: Id | null;
  actor: string;
  action: string;
  subject_type: string | null;
  subject_id: string | null;
  detail: ColumnType<Record<string, unknown>, string | undefined, string>;
}

export interface SchemaMigrationTable {
  name: string;
  applied_at: CreatedAt;
}

export interface Database {
  volunteer: VolunteerTable;
  task: TaskTable;
  offer: OfferTable;
  assignment: AssignmentTable;
  message: MessageTable;
  schema_migration: SchemaMigrationTable;
  unit: UnitTable;
  coordinator: CoordinatorTable;
  api_token: ApiTokenTable;
  audit_event: AuditEventTable;
  inbound_media: InboundMediaTable;
  sweeper_count: SweeperCountTable;
  requester: RequesterTable;
  requester_phone: RequesterPhoneTable;
  request_draft: RequestDraftTable;
  call: CallTable;
  call_event: CallEventTable;
  form_stash: FormStashTable;
  csv_upload: CsvUploadTable;
}

/** Issue 13: a form posted after the session ended, kept for its coordinator (see sql/0016_form_stash.sql). */
export interface FormStashTable {
  id: string;
  coordinator_id: Id;
  /** The same-origin /admin page to show it on again. */
  path: string;
  /** Field name to value (several values for checkboxes and multi-selects). */
  fields: ColumnType<Record<string, string | string[]>, string, string>;
  created_at: CreatedAt;
  expires_at: Timestamp;
}

/** Issue 15: a call placed or received (see sql/0015_voice.sql). */
export interface CallTable {
  id: GeneratedId;
  direction: 'outbound' | 'inbound';
  twilio_sid: string | null;
  from_phone: string;
  to_phone: string;
  kind: string;
  volunteer_id: Id | null;
  task_id: Id | null;
  offer_id: Id | null;
  status: Generated<string>;
  answered_by: string | null;
  attempts: Generated<number>;
  needs_reconcile: Generated<boolean>;
  claimed_at: Timestamp | null;
  call_after: Timestamp | null;
  placed_at: Timestamp | null;
  status_at: Timestamp | null;
  duration_seconds: number | null;
  error_code: string | null;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

/** Something that happened on a call, once per key; `twiml` is the answer a repeated request gets again. */
export interface CallEventTable {
  call_id: Id;
  key: string;
  detail: ColumnType<Record<string, unknown>, string | undefined, string>;
  twiml: string | null;
  at: CreatedAt;
}

export interface RequesterTable {
  id: GeneratedId;
  name: string;
  unit_id: Id | null;
  contact_name: string | null;
  default_place: string | null;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

export interface RequesterPhoneTable {
  phone: string;
  requester_id: Id;
  created_at: CreatedAt;
}

export type RequestDraftStatus = 'asking' | 'confirming' | 'confirmed' | 'expired' | 'abandoned';

export interface RequestDraftTable {
  id: GeneratedId;
  requester_id: Id;
  phone: string;
  language: Generated<string>;
  status: Generated<RequestDraftStatus>;
  /** What the parser read so far; see domain/request-conversation.ts (DraftFields). */
  fields: ColumnType<unknown, string, string>;
  asked: string | null;
  texts: Generated<string[]>;
  task_id: Id | null;
  last_inbound_at: Timestamp;
  closed_at: Timestamp | null;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

export interface SweeperCountTable {
  counter: string;
  n: Generated<string>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

export type VolunteerRow = Selectable<VolunteerTable>;
export type TaskRow = Selectable<TaskTable>;
export type OfferRow = Selectable<OfferTable>;
export type AssignmentRow = Selectable<AssignmentTable>;
export type MessageRow = Selectable<MessageTable>;
export type CallRow = Selectable<CallTable>;
export type NewMessage = Insertable<MessageTable>;
export type TaskUpdate = Updateable<TaskTable>;

/** A volunteer CSV between its preview and its import (see sql/0018_csv_upload.sql). */
export interface CsvUploadTable {
  id: string;
  coordinator_id: Id;
  csv_text: string;
  created_at: CreatedAt;
  expires_at: Timestamp;
}
