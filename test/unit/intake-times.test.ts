import { parseIntake } from '../../src/domain/intake';

const WED = '2026-12-02T10:15:00+01:00';

describe('intake: the time the volunteer starts', () => {
  it.each<[string, string]>([
    ['følge fredag kl 15', '15:00'],
    ['følge fredag kl. 15', '15:00'],
    ['følge fredag klokka 15', '15:00'],
    ['følge fredag 15.45', '15:45'],
    ['følge fredag 15:45', '15:45'],
    ['følge fredag kl 0915', '09:15'],
    ['følge fredag 0915', '09:15'],
    ['følge fredag kl 930', '09:30'],
    ['følge fredag kl1530', '15:30'],
    ['følge fredag kl 3', '15:00'],
    ['følge fredag kl 9', '09:00'],
    ['følge fredag kl 12', '12:00'],
    ['følge fredag halv fire', '15:30'],
    ['følge fredag halv 4', '15:30'],
    ['følge fredag halv ni', '08:30'],
    ['følge fredag halv ett', '12:30'],
    ['følge fredag kvart på tre', '14:45'],
    ['følge fredag kvart over ti', '10:15'],
    ['følge fredag ti på halv fire', '15:20'],
    ['følge fredag fem over halv to', '13:35'],
    ['følge fredag fem på tolv', '11:55'],
    ['følge fredag ti over to', '14:10'],
    ['følge fredag klokka to', '14:00'],
    ['følge fredag kl ti', '10:00'],
    ['følge fredag rundt kl 13', '13:00'],
    ['følge fredag ca 13.30', '13:30'],
    ['følge fredag kl 10-12', '10:00'],
    ['besøk fredag kl 6 på kvelden', '18:00'],
    ['besøk i kveld kl 7', '19:00'],
    ['besøk fredag kl 6 om morgenen', '06:00'],
    ['escort friday at 2pm', '14:00'],
    ['escort friday 10am', '10:00'],
    ['escort friday half past two', '14:30'],
    ['escort friday quarter to three', '14:45'],
    ['fre 14 følge lege', '14:00'],
    // A pick-up time wins over the appointment, wherever it stands.
    ['legetime fredag kl 14, kan noen hente henne kl 13.20', '13:20'],
    ['timen er fredag kl 11, følge bør dra herfra kl 10.15', '10:15'],
    ['følge til Ahus fredag kl 9, hentes 8.15', '08:15'],
    ['følge til Ahus 22.1 kl 7.30, må hentes 6.45', '06:45'],
    ['appointment friday at 11, pick her up at 9.45', '09:45'],
    ['følge til tannlege fredag kl 9, timen er 9.30', '09:00'],
  ])('%s → %s', (text, time) => {
    const r = parseIntake(text, WED);
    expect(r.time).toBe(time);
    expect(r.missing).not.toContain('time');
  });

  it.each<[string, string]>([
    ['hun har time hos fysioterapeuten kl 13 på fredag', 'appointment_only'],
    ['følge til gudstjeneste fredag, den starter kl 11', 'appointment_only'],
    ['følge fredag innen kl 9', 'deadline_only'],
    ['følge fredag, må være der før kl 15', 'deadline_only'],
    ['følge fredag etter kl 14', 'window'],
    ['handlehjelp fredag mellom 10 og 12', 'window'],
    ['handlehjelp fredag kl 11 eller kl 13', 'alternative_times'],
    ['tur fredag morgen', 'part_of_day'],
    ['handlehjelp fredag formiddag', 'part_of_day'],
    ['besøk fredag etter middag', 'part_of_day'],
    ['følge fredag ved lunsjtid', 'part_of_day'],
    ['besøk i morgen kveld', 'part_of_day'],
    ['følge til Ahus i dag kl 8', 'time_passed'],
    ['følge til legen fredag', 'no_time'],
  ])('%s is asked back: %s', (text, reason) => {
    const r = parseIntake(text, WED);
    expect(r.time).toBeNull();
    expect(r.questions.find((q) => q.field === 'time')).toMatchObject({ reason });
  });

  it('keeps the appointment time for the question', () => {
    const r = parseIntake('hun har time hos fysioterapeuten kl 13 på fredag', WED);
    expect(r.appointmentTime).toBe('13:00');
    expect(r.questions.find((q) => q.field === 'time')!.text).toContain('13:00');
  });

  it.each<[string, string, boolean]>([
    ['Trenger noen NÅ til å følge til legevakten', WED, true],
    ['trenger følge til legevakta med en gang', WED, true],
    ['kan noen handle på apoteket nå?', WED, true],
    ['følge i dag kl 12', WED, true],
    ['følge i dag kl 12.30', WED, false],
    ['følge i morgen kl 10', WED, false],
    ['vi har nå fått ny beboer, trenger besøksvenn fredag kl 12', WED, false],
  ])('%s urgent: %s', (text, at, urgent) => {
    expect(parseIntake(text, at).urgent).toBe(urgent);
  });

  it('starts an urgent request now', () => {
    expect(parseIntake('Trenger noen NÅ til å følge til legevakten', WED)).toMatchObject({ date: '2026-12-02', time: '10:15' });
  });
});
