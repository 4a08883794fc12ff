import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { DateTime } from 'luxon';
import type { Language } from '../../src/domain/language';
import { LANGUAGES } from '../../src/domain/languages/index';
import {
  languageLabel, listLanguages, OFFER_MAX_SEGMENTS, renderOffer, renderText, toTaskFacts,
  type TaskFacts, type TemplateName, type TextParams,
} from '../../src/domain/messages';
import { countSegments } from '../../src/domain/sms-segments';

const LANGUAGES_DIR = join(__dirname, '../../src/domain/languages');
const UCS2_LANGUAGES = new Set(['uk', 'ar']);
/** Only these carry the task's details, which may be long; every other text fits two segments. */
const DETAILS_TEMPLATES = new Set<TemplateName>(['assigned', 'reminder_day_before', 'reminder_two_hours']);

const zone = 'Europe/Oslo';
const at = (iso: string) => DateTime.fromISO(iso, { zone }).toJSDate();
const tasks: TaskFacts[] = [
  toTaskFacts({ id: '42', type: 'shopping', startsAt: at('2026-12-03T10:00'), durationMinutes: 90, area: 'Lørenskog sentrum', summary: 'Handle dagligvarer på Rema 1000 og hente medisiner på apoteket.' }),
  toTaskFacts({ id: '1042', type: 'escort', startsAt: at('2026-09-30T13:30'), durationMinutes: 150, area: 'Fjellhamar', summary: 'Følge til fastlegen på Lørenskog legesenter, vente og følge hjem igjen.' }),
  toTaskFacts({ id: '7', type: 'visit', startsAt: at('2027-02-17T18:15'), durationMinutes: 60, area: 'Finstadjordet', summary: 'Besøksvenn: kaffe og en prat med en eldre herre som bor alene.' }),
  toTaskFacts({ id: '19', type: 'other', startsAt: at('2026-06-24T08:00'), durationMinutes: 45, area: 'Skårer, Solheim', summary: 'Bære ved inn i boden.' }),
];
const details =
  'Olga Hansen, Storgata 5, 2. etg. (ring på hos Hansen). Diabetes: ha med druesukker. Nøkkelen ligger i postkassen ' +
  'hvis hun ikke åpner; ring datteren på 22 33 44 55. Hun hører dårlig, så snakk tydelig.';
const phones = [undefined, '+4798765432', '+47 987 65 432'];
const untils = ['2026-09-30', '2027-01-03', '2027-02-28'].map((date) => DateTime.fromISO(date, { zone }));
const volunteerName = 'Kari Nordmann-Johansen';

const none = [{}] as const;
const perTask = tasks.map((task) => ({ task }));

/** Realistic values for every template; the type makes a template without samples a compile error. */
const SAMPLES: { [K in TemplateName]: readonly TextParams[K][] } = {
  offer: tasks.flatMap((task) => [30, 120].map((timeoutMinutes) => ({ task, timeoutMinutes }))),
  assigned: tasks.flatMap((task) => phones.map((coordinatorPhone) => ({ task, details, coordinatorPhone }))),
  taken: perTask,
  offer_taken: perTask,
  offer_withdrawn: perTask,
  offer_closed_for_you: perTask,
  already_assigned: perTask,
  task_cancelled: perTask,
  declined_thanks: none,
  hint_offer: none,
  hint_general: none,
  media_not_read: none,
  no_offer: none,
  opted_out: none,
  opted_in: none,
  already_opted_in: none,
  opted_out_reminder: none,
  unknown_sender: phones.map((coordinatorPhone) => ({ coordinatorPhone })),
  coordinator_unfilled: tasks.map((task) => ({ task, offersSent: 12 })),
  paused_confirmed: untils.map((until) => ({ until })),
  holiday_confirmed: untils.map((until) => ({ until })),
  max_per_week_confirmed: [1, 2, 5, 14].map((count) => ({ count })),
  max_per_week_removed: none,
  help: phones.map((coordinatorPhone) => ({ coordinatorPhone })),
  help_who: [{ centreName: 'Frivilligsentralen', centrePhone: '67 93 40 00' }, { centreName: 'Lørenskog frivilligsentral', centrePhone: '+47 67 93 40 00' }],
  withdraw_which: [tasks.slice(0, 2), tasks].map((list) => ({ tasks: list })),
  my_tasks: [[], tasks.slice(0, 1), tasks.slice(0, 2), tasks.slice(0, 3), tasks].map((list) => ({ tasks: list })),
  usage_pause: none,
  usage_holiday: none,
  usage_max_per_week: none,
  cancel_confirmed: perTask,
  cancel_nothing_to_cancel: none,
  reminder_day_before: tasks.map((task) => ({ task, details })),
  reminder_two_hours: tasks.map((task) => ({ task, details })),
  check_in_question: perTask,
  check_in_thanks_ok: none,
  check_in_thanks_follow_up: none,
  volunteer_cancelled_coordinator: tasks.map((task) => ({ task, volunteerName })),
  cancelled_by_coordinator: perTask,
  coordinator_deadline_alert: tasks.map((task) => ({ task, offersSent: 3 })),
  task_changed: tasks.flatMap((task, i) => [true, false].map((assigned) => ({ before: tasks[(i + 1) % tasks.length]!, task, assigned }))),
  unassigned: perTask,
};
const TEMPLATE_NAMES = Object.keys(SAMPLES) as TemplateName[];

/** Every sample rendered; offers as they are sent, through renderOffer, which cuts the summary. */
function renderAll(code: string, template: TemplateName): string[] {
  if (template === 'offer') return SAMPLES.offer.map(({ task, timeoutMinutes }) => renderOffer(code, task, timeoutMinutes));
  const samples = SAMPLES[template] as readonly TextParams[TemplateName][];
  return samples.map((params) => renderText(code, template, params as never));
}

describe('the language registry', () => {
  const files = readdirSync(LANGUAGES_DIR).filter((file) => file.endsWith('.ts') && file !== 'index.ts');

  it('registers every file in src/domain/languages, named by its code', () => {
    expect(files.map((file) => basename(file, '.ts')).sort()).toEqual(LANGUAGES.map((l) => l.code).sort());
  });

  it.each(files)('%s exports the registered language of its name', (file) => {
    const module = jest.requireActual<Record<string, Language>>(join(LANGUAGES_DIR, file));
    const exported = Object.values(module).filter((value) => typeof value === 'object' && 'templates' in value);
    expect(exported.map((language) => language.code)).toEqual([basename(file, '.ts')]);
    expect(LANGUAGES).toContain(exported[0]);
  });

  it('lists each language once, by its own name', () => {
    expect(new Set(LANGUAGES.map((l) => l.code)).size).toBe(LANGUAGES.length);
    expect(listLanguages()).toEqual(LANGUAGES.map((l) => ({ code: l.code, name: l.name, aliases: l.aliases })));
    expect(listLanguages().map((l) => l.code)).toEqual(['nb', 'en', 'uk', 'ar', 'pl', 'so']);
  });

  it('no name or alias points to two languages, and every alias is lower case', () => {
    const owners = new Map<string, string>();
    for (const l of LANGUAGES) {
      for (const word of [l.code, l.name.toLowerCase(), ...l.aliases]) {
        expect([undefined, l.code]).toContain(owners.get(word));
        owners.set(word, l.code);
      }
      for (const alias of l.aliases) expect(alias).toBe(alias.toLowerCase());
    }
  });

  it.each([['nb', 'norsk bokmål'], ['en', 'English (engelsk)'], ['uk', 'українська (ukrainsk)'], ['so', 'Soomaali (somali)']])(
    'the admin pages call %s %j', (code, label) => {
      expect(languageLabel(code)).toBe(label);
    },
  );
});

describe.each(LANGUAGES.map((language) => [language.code, language] as const))('%s texts', (code, language) => {
  it('have every template', () => {
    expect(Object.keys(language.templates).sort()).toEqual([...TEMPLATE_NAMES].sort());
  });

  it.each(TEMPLATE_NAMES)('%s renders with realistic values', (template) => {
    const texts = renderAll(code, template);
    for (const text of texts) {
      expect(text).not.toMatch(/undefined|NaN|null|\[object|\$\{|\s{2}/);
      expect(text.length).toBeGreaterThan(10);
      expect(countSegments(text).encoding).toBe(UCS2_LANGUAGES.has(code) ? 'UCS-2' : 'GSM-7');
    }
    // Listing the texts that are too long shows them when this fails.
    const tooLong = texts.filter((text) => countSegments(text).segments > OFFER_MAX_SEGMENTS);
    expect(DETAILS_TEMPLATES.has(template) ? [] : tooLong).toEqual([]);
  });

  it.each(TEMPLATE_NAMES)('%s carries the details only if it is meant to', (template) => {
    for (const text of renderAll(code, template)) {
      expect(text.includes('Olga Hansen')).toBe(DETAILS_TEMPLATES.has(template));
    }
  });

  it.each(tasks.map((task) => [task.type, task] as const))('a %s offer fits two segments, summary cut first', (_type, task) => {
    const tail = renderText(code, 'offer', { task: { ...task, summary: '@@' }, timeoutMinutes: 30 }).split('@@')[1] ?? '';
    for (const summary of [task.summary, `${task.summary} `.repeat(8)]) {
      const text = renderOffer(code, { ...task, summary }, 30);
      expect([text, countSegments(text).segments <= OFFER_MAX_SEGMENTS]).toEqual([text, true]);
      expect(text.endsWith(tail)).toBe(true); // the reply instruction survives
      expect(text).toContain(task.area);
      expect(text).toContain(task.startsAt.toFormat('HH:mm'));
      expect(text).toContain(summary.split(' ')[0]); // some of the summary survives, too
    }
  });
});

describe('my_tasks', () => {
  it.each(LANGUAGES.map((l) => l.code))('%s says so when there are none, and lists what there is', (code) => {
    const empty = renderText(code, 'my_tasks', { tasks: [] });
    const one = renderText(code, 'my_tasks', { tasks: tasks.slice(0, 1) });
    expect(empty).not.toContain('Lørenskog');
    expect(one).toContain('Lørenskog sentrum');
    expect(renderText(code, 'my_tasks', { tasks })).toContain('Fjellhamar');
  });
});
