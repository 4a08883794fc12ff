import type { AuditEvent } from '../../../db/audit.repo';

/** Audit actions in words. An action not listed here (a newer one) shows its code. */
export const ACTION_LABELS: Record<string, string> = {
  login: 'Logget inn',
  login_failed: 'Mislykket innlogging',
  logout: 'Logget ut',
  api_token_created: 'Laget API-nøkkel',
  api_token_revoked: 'Trakk tilbake API-nøkkel',
  task_created: 'Opprettet oppdrag',
  task_updated: 'Endret oppdrag',
  task_dispatched: 'Sendte ut oppdrag',
  task_dispatch_stopped: 'Stoppet utsending',
  task_cancelled: 'Avlyste oppdrag',
  task_assigned_manually: 'Tildelte oppdrag manuelt',
  volunteer_created: 'La til frivillig',
  volunteer_updated: 'Endret frivillig',
  volunteer_deactivated: 'Deaktiverte frivillig',
  volunteer_reactivated: 'Aktiverte frivillig igjen',
  volunteer_erased: 'Slettet personopplysningene til en frivillig (etter ønske)',
  volunteers_imported: 'Importerte frivillige',
  volunteers_exported: 'Eksporterte frivillige',
  inbox_replied: 'Svarte på SMS fra innboksen',
  inbox_handled: 'Merket innboksmelding som behandlet',
  report_exported: 'Eksporterte rapport',
  unit_created: 'Opprettet enhet',
  unit_renamed: 'Ga enhet nytt navn',
  coordinator_created: 'Opprettet koordinator',
  coordinator_updated: 'Endret koordinator',
  coordinator_deactivated: 'Deaktiverte koordinator',
  coordinator_reactivated: 'Aktiverte koordinator igjen',
  password_changed: 'Byttet sitt passord',
  password_reset: 'Ga koordinator nytt passord',
};

export function actionLabel(action: string): string {
  return ACTION_LABELS[action] ?? action;
}

const SUBJECT_LABELS: Record<string, string> = {
  task: 'Oppdrag', volunteer: 'Frivillig', coordinator: 'Koordinator', unit: 'Enhet', message: 'SMS', report: 'Rapport', api_token: 'API-nøkkel',
};

/** What the event was about, and where to see it (admin pages are linked only for admins). */
export function subjectOf(e: Pick<AuditEvent, 'subjectType' | 'subjectId'>, isAdmin: boolean): { label: string; href?: string } | undefined {
  if (!e.subjectType) return undefined;
  const label = `${SUBJECT_LABELS[e.subjectType] ?? e.subjectType}${e.subjectId ? ` ${e.subjectId}` : ''}`;
  const id = e.subjectId ? encodeURIComponent(e.subjectId) : undefined;
  switch (e.subjectType) {
    case 'task': return { label, href: id && `/admin/tasks/${id}` };
    case 'volunteer': return { label, href: id && `/admin/volunteers/${id}` };
    case 'message': return { label, href: '/admin/inbox' };
    case 'report': return { label, href: id && `/admin/reports?year=${id}` };
    case 'coordinator': return { label, href: isAdmin && id ? `/admin/settings#coordinator-${id}` : undefined };
    case 'unit': return { label, href: isAdmin && id ? `/admin/settings#unit-${id}` : undefined };
    default: return { label };
  }
}

const DETAIL_LABELS: Record<string, string> = {
  role: 'rolle', unitId: 'enhet', previousRole: 'rolle før', previousUnitId: 'enhet før', name: 'navn', year: 'år', smsId: 'SMS', count: 'antall',
};

/** The event's detail as short 'key: value' text; nested values as JSON. */
export function detailText(detail: Record<string, unknown>): string {
  return Object.entries(detail)
    .filter(([, v]) => v !== null && v !== undefined && v !== '')
    .map(([k, v]) => `${DETAIL_LABELS[k] ?? k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(', ');
}
