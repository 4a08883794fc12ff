import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { AuditEvent } from '../../src/db/audit.repo';
import type { AuditNames } from '../../src/db/audit-names.repo';
import { AuditRefs } from '../../src/http/views/audit/audit-refs';
import { ACTION_LABELS } from '../../src/http/views/audit/audit-labels';
import { eventSentence, KNOWN_SENTENCES } from '../../src/http/views/audit/audit-sentences';

/**
 * Every audit action the code can write reads as its own Norwegian sentence in Logg, not the
 * generic fallback. The actions are found by scanning src/ for the literals handed to
 * insertAuditEvent (`action: '…'`, a ternary of two, or a small audit helper's string argument).
 */
const SRC = join(__dirname, '../../src');

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? tsFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

const LITERAL = /'([a-z]+(?:[._][a-z]+)*)'/g;

function actionsIn(source: string): string[] {
  const found: string[] = [];
  // `action: 'login'`, `action: swapping ? 'task_reassigned' : 'task_assigned_manually'`; not a type such as `action: 'reply' | 'handle'` or `action: ActionsOn['task']`.
  for (const m of source.matchAll(/\baction:\s*([^,}\n]+)/g)) {
    if (/^'[^']*'\s*$|^[\w.]+ \?/.test(m[1]!)) found.push(...[...m[1]!.matchAll(LITERAL)].map((l) => l[1]!));
  }
  // Helpers that call insertAuditEvent: `audit(deps, actor, 'task_dispatched', id)`, `auditTask(ctx, res, 'task_cancelled', id)`, `audit('volunteer_paused_by_sms', …)`.
  if (source.includes('insertAuditEvent')) {
    for (const m of source.matchAll(/\baudit(?:Task)?\(([^\n]*)/g)) {
      if (/^\s*(deps|ctx|')/.test(m[1]!)) found.push(...[...m[1]!.matchAll(LITERAL)].map((l) => l[1]!).filter((a) => a.includes('_')));
    }
  }
  return found;
}

const files = tsFiles(SRC).filter((f) => !relative(SRC, f).startsWith(join('http', 'views', 'audit')));
const written = new Map<string, string>();
for (const file of files) {
  for (const action of actionsIn(readFileSync(file, 'utf8'))) written.set(action, relative(SRC, file));
}

const names: AuditNames = {
  tasks: new Map([['7', { type: 'visit', startsAt: new Date('2026-12-03T09:00:00Z') }]]),
  volunteers: new Map([['3', 'Åse Lien'], ['4', 'Per Berg']]),
  coordinators: new Map([['1', 'Kari Koordinator'], ['2', 'Ola Admin']]),
  units: new Map([['5', 'Helse og omsorg']]),
  requesters: new Map([['6', 'Solvang sykehjem']]),
};
const refs = new AuditRefs(names, true);
const event = (action: string, subjectType: string | null, subjectId: string | null, detail: Record<string, unknown> = {}): AuditEvent =>
  ({ id: '1', at: new Date(), actor: 'kari@example.no', coordinatorId: '1', action, subjectType, subjectId, detail });
const text = (e: AuditEvent) => eventSentence(e, refs).value.replace(/<[^>]+>/g, '');

describe('audit log sentences', () => {
  it('finds the actions the code writes', () => {
    expect(written.size).toBeGreaterThanOrEqual(35);
    for (const action of ['login', 'task_dispatched', 'task_reassigned', 'coordinator_deactivated', 'volunteer_paused_by_sms', 'demo.seeded', 'password_reset']) {
      expect([action, written.has(action)]).toEqual([action, true]);
    }
  });

  it.each([...written.keys()].sort())('%s has its own sentence', (action) => {
    const file = written.get(action);
    expect({ action, file, sentence: KNOWN_SENTENCES.includes(action), label: action in ACTION_LABELS }).toEqual({ action, file, sentence: true, label: true });
    const sentence = text(event(action, 'task', '7', { volunteerId: '3' }));
    expect(sentence).not.toMatch(/^[^ ]+ [^ ]+: /); // the fallback: «Kari Koordinator: what in words – …»
    expect(sentence).not.toContain(action);
  });

  it('says what an edit changed, from and to, and what followed', () => {
    const e = event('task_edited', 'task', '7', {
      changed: ['startsAt', 'area', 'summary'],
      startsAt: { from: '2026-12-03T09:00:00.000Z', to: '2026-12-04T11:00:00.000Z' },
      area: { from: 'Sentrum', to: 'Nordby' },
      told: 2, withdrawn: 1,
      assignedUnfit: { volunteerId: '3', reasons: ['mangler politiattest'], decision: 'keep' },
    });
    expect(text(e)).toBe('Kari Koordinator endret oppdrag 7 (besøk tor. 3. des. kl. 10:00): tid (tor. 3. des. kl. 10:00 → fre. 4. des. kl. 12:00), '
      + 'sted (Sentrum → Nordby) og kort beskrivelse; 2 frivillige fikk SMS om endringen; 1 tilbud ble trukket tilbake; '
      + 'Åse Lien passet ikke lenger (mangler politiattest) og fikk beholde det');
    expect(eventSentence(e, refs).value).toContain('<a href="/admin/volunteers/3">Åse Lien</a>');
  });

  it('names who was taken off, who took over, and where an inbox assignment came from', () => {
    expect(text(event('task_unassigned', 'task', '7', { volunteerId: '3', resent: true })))
      .toBe('Kari Koordinator tok Åse Lien av oppdrag 7 (besøk tor. 3. des. kl. 10:00), og oppdraget ble sendt ut på nytt');
    expect(text(event('task_reassigned', 'task', '7', { volunteerId: '4', replacedVolunteerId: '3', unfit: ['bor for langt unna'] })))
      .toBe('Kari Koordinator ga oppdrag 7 (besøk tor. 3. des. kl. 10:00) til Per Berg i stedet for Åse Lien, selv om den frivillige ikke passet (bor for langt unna)');
    expect(text(event('task_assigned_from_inbox', 'task', '7', { messageId: '9', volunteerId: '3' })))
      .toBe('Kari Koordinator tildelte oppdrag 7 (besøk tor. 3. des. kl. 10:00) til Åse Lien fra et uklart svar i Innboks');
    expect(text(event('inbox_assigned', 'message', '9', { taskId: '7', volunteerId: '3' })))
      .toBe('Kari Koordinator behandlet et uklart svar fra Åse Lien i Innboks ved å tildele oppdrag 7 (besøk tor. 3. des. kl. 10:00)');
  });

  it('counts what an erasure removed and names nobody; never shows a password', () => {
    const erased = text(event('volunteer_erased', 'volunteer', '3', { messages: 4, media: 1, auditEvents: 2, withdrewOffer: false }));
    expect(erased).toBe('Kari Koordinator slettet personopplysningene til en frivillig etter ønske: 4 meldingstekster, 1 bilde og 2 logglinjer ble tømt; statistikken er beholdt');
    expect(text(event('password_reset', 'coordinator', '2', { sessionsEnded: 1 }))).toBe('Kari Koordinator ga Ola Admin et nytt passord; 1 innlogging ble avsluttet');
    expect(text(event('password_changed', 'coordinator', '1', { otherSessionsEnded: 0 }))).toBe('Kari Koordinator byttet passordet sitt');
  });
});
