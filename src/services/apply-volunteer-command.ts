import { DateTime } from 'luxon';
import { renderText, toTaskFacts } from '../domain/messages';
import { OSLO_ZONE, osloDate } from '../domain/oslo-time';
import { resolveHolidayUntil, type VolunteerCommand } from '../domain/volunteer-commands';
import type { Tx } from '../db/database';
import { insertAuditEvent } from '../db/audit.repo';
import { listUpcomingAssignments } from '../db/assignment.repo';
import { findTask } from '../db/task.repo';
import type { Volunteer } from '../db/volunteer.repo';
import type { ServiceContext } from './context';
import type { Effects } from './effects';
import { cancelByVolunteerInTx } from './volunteer-cancel';

const USAGE = { pause: 'usage_pause', holiday: 'usage_holiday', max_per_week: 'usage_max_per_week' } as const;

/**
 * Carries out a volunteer's keyword (PAUSE 14, FERIE 3.1, MAKS 2, HJELP, OPPDRAG, AVBRYT) and
 * answers with what changed, in their language. Changes to their settings are audit-logged as
 * made by SMS, so a coordinator can see why someone stopped getting offers.
 */
export async function applyVolunteerCommand(trx: Tx, ctx: ServiceContext, effects: Effects, volunteer: Volunteer, command: VolunteerCommand, now: Date): Promise<void> {
  const reply = (kind: string, body: string) => effects.sms(trx, { to: volunteer.phone, body, kind, volunteerId: volunteer.id });
  const lang = volunteer.language;
  const audit = (action: string, detail: Record<string, unknown>) =>
    insertAuditEvent(trx, { kind: 'anonymous', label: 'sms' }, { action, subjectType: 'volunteer', subjectId: volunteer.id, detail }, now);
  const setColumns = (set: { paused_until?: string | null; max_tasks_per_week?: number | null }) =>
    trx.updateTable('volunteer').set({ ...set, updated_at: now }).where('id', '=', volunteer.id).execute();

  switch (command.kind) {
    case 'pause': {
      // PAUSE 14 sent today: no offers today and the next 13 days; offers again on day 15.
      const until = DateTime.fromJSDate(now, { zone: OSLO_ZONE }).startOf('day').plus({ days: command.days - 1 });
      await setColumns({ paused_until: until.toISODate() });
      await audit('volunteer_paused_by_sms', { until: until.toISODate() });
      await reply('paused_confirmed', renderText(lang, 'paused_confirmed', { until }));
      return;
    }
    case 'holiday': {
      const until = DateTime.fromISO(resolveHolidayUntil(command.until, osloDate(now)), { zone: OSLO_ZONE });
      await setColumns({ paused_until: until.toISODate() });
      await audit('volunteer_paused_by_sms', { until: until.toISODate() });
      await reply('holiday_confirmed', renderText(lang, 'holiday_confirmed', { until }));
      return;
    }
    case 'max_per_week':
      await setColumns({ max_tasks_per_week: command.count === 0 ? null : command.count });
      await audit('volunteer_weekly_limit_by_sms', { maxTasksPerWeek: command.count === 0 ? null : command.count });
      if (command.count === 0) await reply('max_per_week_removed', renderText(lang, 'max_per_week_removed', {}));
      else await reply('max_per_week_confirmed', renderText(lang, 'max_per_week_confirmed', { count: command.count }));
      return;
    case 'help':
      await reply('help', renderText(lang, 'help', { coordinatorPhone: ctx.settings.coordinatorPhone }));
      return;
    case 'my_tasks': {
      const upcoming = await listUpcomingAssignments(trx, volunteer.id, now);
      const tasks = [];
      for (const a of upcoming) {
        const task = await findTask(trx, a.taskId);
        if (task) tasks.push(toTaskFacts(task));
      }
      await reply('my_tasks', renderText(lang, 'my_tasks', { tasks }));
      return;
    }
    case 'cancel':
      await cancelByVolunteerInTx(trx, ctx, effects, volunteer, now);
      return;
    case 'malformed':
      await reply(USAGE[command.keyword], renderText(lang, USAGE[command.keyword], {}));
      return;
  }
}
