import type { TaskType } from '../../src/domain/language';
import { parseIntake } from '../../src/domain/intake';
import { easterSunday, holidayName } from '../../src/domain/intake/named-days';

const WED = '2026-12-02T10:15:00+01:00';

describe('intake: what is asked for', () => {
  it.each<[string, TaskType]>([
    ['Trenger følge til legen fredag kl 10', 'escort'],
    ['følgje til sjukehuset fredag kl 10', 'escort'],
    ['Kan noen bli med Arne til banken fredag kl 11?', 'escort'],
    ['følge til frisøren fredag kl 11', 'escort'],
    ['escort to the dentist friday at 10', 'escort'],
    ['handlehjelp fredag kl 12', 'shopping'],
    ['kan noen handle for henne fredag', 'shopping'],
    ['hente medisiner på apoteket fredag', 'shopping'],
    ['følge henne til butikken fredag kl 12', 'shopping'],
    ['hente en pakke på posten fredag', 'shopping'],
    ['besøksvenn fredag kl 15', 'visit'],
    ['noen som kan spille kort med Egil fredag', 'visit'],
    ['kan noen lese avisen for Johan fredag', 'visit'],
    ['gå tur med Arne fredag', 'walk'],
    ['trilletur med rullestol fredag kl 13', 'walk'],
    ['følge henne ut på tur fredag', 'walk'],
    ['a walk with Mr Olsen on friday', 'walk'],
    ['hjelp med nettbrettet fredag kl 12', 'practical'],
    ['skifte lyspærer fredag', 'practical'],
    ['hjelp med den nye mobilen fredag', 'practical'],
    ['snømåking fredag kl 8', 'practical'],
    ['hjelp til å sette opp tv-en fredag', 'practical'],
    ['trenger en frivillig fredag kl 12', 'other'],
  ])('%s → %s', (text, type) => {
    expect(parseIntake(text, WED).type).toBe(type);
  });
});

describe('intake: is it a request?', () => {
  it.each<[string, string]>([
    ['Tusen takk for hjelpen med følget til legen i går!', 'thanks'],
    ['Takk skal du ha 👍', 'thanks'],
    ['Hei', 'greeting'],
    ['God morgen!', 'greeting'],
    ['Hvordan fungerer dette? Kan man bestille følge på SMS?', 'question'],
    ['Hva koster det å få handlehjelp?', 'question'],
    ['Hvem kommer i morgen kl 10?', 'question'],
    ['Jeg vil gjerne bli frivillig og kan hjelpe med handling på fredager', 'volunteer_offer'],
    ['Hei, jeg har tid til å følge noen til legen på fredag hvis det trengs', 'volunteer_offer'],
    ['Ingen kom for å følge beboeren til legen i dag', 'complaint'],
    ['Den frivillige møtte ikke opp på fredag', 'complaint'],
    ['Vi må avlyse følget til legen fredag, hun er syk', 'change'],
    ['Trenger ikke følge til Ahus likevel', 'change'],
    ['Kan vi flytte timen på fredag til kl 14?', 'change'],
    ['Please cancel the escort on Friday', 'change'],
  ])('%s → not a request (%s)', (text, kind) => {
    const r = parseIntake(text, WED);
    expect(r.isRequest).toBe(false);
    expect(r.kind).toBe(kind);
    expect(r.missing).toEqual([]);
  });

  it('keeps the reference of a change', () => {
    expect(parseIntake('AVBRYT K7', WED)).toMatchObject({ isRequest: false, kind: 'change', reference: 'K7' });
  });

  it.each([
    'Trenger følge til legen fredag kvart på tre, Rælingen legesenter',
    'Kan vi bestille handlehjelp?',
    'Takk! Følge til lege fredag kl 10',
    'fre 14 følge lege',
  ])('%s is a request', (text) => {
    expect(parseIntake(text, WED).isRequest).toBe(true);
  });
});

describe('intake: place, notes and language', () => {
  it.each<[string, string | null]>([
    ['følge til legen fredag kl 10, Rælingen legesenter', 'Rælingen legesenter'],
    ['følge til lørenskog legesenter fredag kl 10', 'lørenskog legesenter'],
    ['følge til Ahus fredag kl 10', 'Ahus'],
    ['handle på Kiwi Fjellhamar fredag', 'Kiwi Fjellhamar'],
    ['følge til tannlegen i Storgata 12 fredag', 'Storgata 12'],
    ['følge til frisør på Triaden fredag', 'Triaden'],
    ['følge til blodprøve på legesenteret fredag kl 10', null],
    ['besøk fredag kl 10', null],
  ])('%s → place %s', (text, place) => {
    expect(parseIntake(text, WED).place).toBe(place);
  });

  it('asks where an escort goes when no place is named, but not for a visit', () => {
    expect(parseIntake('følge til legen fredag kl 10', WED).missing).toEqual(['place']);
    expect(parseIntake('besøk fredag kl 10', WED).missing).toEqual([]);
  });

  it('keeps needs and aids as notes, without the day and the time', () => {
    const r = parseIntake('Hei! Følge til Ahus fredag kl 10. Hun bruker rullator og hører dårlig. Mvh Solbakken', WED);
    expect(r.notes).toBe('Hun bruker rullator og hører dårlig.');
  });

  it.each<[string, string]>([
    ['Trenger følge til legen fredag kl 10', 'nb'],
    ['Kan nokon følgje ein bebuar til Ahus i morgon kl 10?', 'nn'],
    ['Treng handlehjelp i overmorgon', 'nn'],
    ['Can someone take a resident to the dentist tomorrow at 2pm?', 'en'],
    ['Friday 10am escort to Ahus, wheelchair user', 'en'],
  ])('%s is in %s', (text, language) => {
    expect(parseIntake(text, WED).language).toBe(language);
  });

  it('asks in English when written in English', () => {
    expect(parseIntake('Escort to the doctor on Friday please', WED).questions[0]!.text).toMatch(/^What time/);
  });
});

describe('intake: Easter and holidays', () => {
  it.each<[number, string]>([[2025, '04-20'], [2026, '04-05'], [2027, '03-28'], [2028, '04-16'], [2029, '04-01'], [2030, '04-21'], [2038, '04-25']])('Easter %i is %s', (year, day) => {
    const e = easterSunday(year);
    expect(`${String(e.month).padStart(2, '0')}-${String(e.day).padStart(2, '0')}`).toBe(day);
  });

  it('agrees with date-holidays on Easter Monday for twenty years', () => {
    for (let year = 2026; year < 2046; year++) {
      const e = easterSunday(year);
      const monday = new Date(Date.UTC(year, e.month - 1, e.day + 1)).toISOString().slice(0, 10);
      expect(holidayName(monday)).toBe('Andre påskedag');
    }
  });
});
