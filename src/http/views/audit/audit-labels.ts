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
  task_sent_despite_quiet_hours: 'Sendte nå likevel i stilletiden',
  assignment_cancelled_by_volunteer: 'Frivillig meldte avbud',
  volunteer_created: 'La til frivillig',
  volunteer_updated: 'Endret frivillig',
  volunteers_imported: 'Importerte frivillige',
  volunteers_exported: 'Eksporterte frivillige',
  inbox_replied: 'Svarte på SMS fra innboksen',
  inbox_handled: 'Merket innboksmelding som behandlet',
  inbox_interpreted: 'Tolket innboksmelding',
  follow_up_handled: 'Fulgte opp etter oppdrag',
  requester_created: 'Registrerte bestiller',
  requester_updated: 'Endret bestiller',
  report_exported: 'Eksporterte rapport',
  unit_created: 'Opprettet enhet',
  unit_renamed: 'Ga enhet nytt navn',
  coordinator_created: 'Opprettet koordinator',
  coordinator_updated: 'Endret koordinator',
  coordinator_deactivated: 'Deaktiverte koordinator',
  coordinator_reactivated: 'Aktiverte koordinator igjen',
};

export function actionLabel(action: string): string {
  return ACTION_LABELS[action] ?? action;
}
