import { DateTime } from 'luxon';
import type { NewTask } from '../db/task.repo';
import type { NewVolunteer } from '../db/volunteer.repo';
import { OSLO_ZONE } from '../domain/oslo-time';

/**
 * What a first start in development fills an empty database with, so a newcomer sees Svarja work
 * at once: one unit, its coordinator, a handful of volunteers and one task ready to send out.
 * Phone numbers are ordinary Norwegian mobile numbers; the simulator never sends anything.
 */
export const DEMO_UNIT_NAME = 'Frivilligsentralen (demo)';

export const DEMO_COORDINATOR = { email: 'demo@svarja.local', name: 'Demo Koordinator' } as const;

/** A nursing home that asks for help by SMS: a phone on the simulator page, not a volunteer. */
export const DEMO_NURSING_HOME = { name: 'Solbakken sykehjem', phone: '+4791000001' } as const;

export const DEMO_VOLUNTEERS: readonly NewVolunteer[] = [
  { name: 'Kari Nordmann', phone: '+4740000001', language: 'nb', areas: ['Sentrum', 'Nordby'] },
  { name: 'Ola Hansen', phone: '+4740000002', language: 'nb', areas: ['Sentrum'] },
  { name: 'Ingrid Johansen', phone: '+4740000003', language: 'nb', areas: [], taskTypes: ['visit', 'shopping'] },
  { name: 'Per Olsen', phone: '+4740000004', language: 'nb', areas: ['Nordby'] },
  { name: 'Aisha Mohamed', phone: '+4740000005', language: 'so', areas: ['Sentrum'] },
  { name: 'Olena Kovalenko', phone: '+4740000006', language: 'uk', areas: [] },
];

/** Shopping help tomorrow late morning, in Sentrum, waiting for a coordinator to send it out. */
export function demoTask(now: Date): NewTask {
  const startsAt = DateTime.fromJSDate(now, { zone: OSLO_ZONE }).plus({ days: 1 }).set({ hour: 11, minute: 0, second: 0, millisecond: 0 });
  return {
    type: 'shopping',
    startsAt: startsAt.toJSDate(),
    durationMinutes: 60,
    area: 'Sentrum',
    summary: 'Handle dagligvarer på Rema 1000 for en eldre dame, ca. en time.',
    details: 'Solveig Berg, Storgata 12, 2. etasje. Ring på «Berg». Handleliste ligger på kjøkkenbenken.',
    waveSize: 3,
    offerTimeoutMinutes: 30,
  };
}
