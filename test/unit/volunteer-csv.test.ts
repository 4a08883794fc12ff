import {
  decodeCsvBytes, detectDelimiter, formatVolunteersCsv, isSpreadsheetFile, readVolunteerCsv, isSamePerson, type BadRow, type ExistingVolunteer, type ExistingVolunteers, type CsvVolunteer, type VolunteerCsvExportRow,
} from '../../src/domain/volunteer-csv';
import { checkVolunteerIdentity, parseLanguage, parseTaskTypes, splitAreas } from '../../src/domain/volunteer';

const BOM = '\uFEFF';
const NONE: ExistingVolunteers = new Map();

/** A good row's volunteer: what a row with only a name and a number gives, with these details. */
function volunteer(details: Partial<CsvVolunteer> & { name: string; phone: string }): CsvVolunteer {
  return {
    language: 'nb', contactPreference: 'sms', taskTypes: ['shopping', 'escort', 'visit', 'walk', 'practical', 'other'], areas: [], notes: '',
    agreementSignedOn: null, confidentialitySignedOn: null, policeCertificateOn: null, trainingOn: null, pausedUntil: null,
    availability: [], maxTasksPerWeek: null, optedOutOn: null, ...details,
  };
}

/** Good rows as [line, name, phone] and bad rows as [line, problems], for compact expectations. */
function summarize(text: string, existing: ExistingVolunteers = NONE) {
  const result = readVolunteerCsv(text, existing);
  if (!result.ok) throw new Error(`file error: ${JSON.stringify(result.error)}`);
  return {
    good: result.good.map((r) => [r.line, r.volunteer.name, r.volunteer.phone]),
    bad: result.bad.map((r) => [r.line, r.problems]),
  };
}

describe('readVolunteerCsv: file formats', () => {
  const kariAndOla = { good: [[2, 'Kari Nordmann', '+4741234567'], [3, 'Ola Hansen', '+4791234567']], bad: [] };

  it.each<[string, string]>([
    ['semicolon (Norwegian Excel)', 'Navn;Telefon\nKari Nordmann;412 34 567\nOla Hansen;91234567\n'],
    ['comma', 'Name,Phone\nKari Nordmann,412 34 567\nOla Hansen,91234567\n'],
    ['tab', 'Navn\tTelefon\nKari Nordmann\t412 34 567\nOla Hansen\t91234567\n'],
    ['UTF-8 BOM', `${BOM}Navn;Telefon\nKari Nordmann;412 34 567\nOla Hansen;91234567`],
    ['CRLF line endings', 'Navn;Telefon\r\nKari Nordmann;412 34 567\r\nOla Hansen;91234567\r\n'],
    ['BOM and CRLF (Excel «CSV UTF-8»)', `${BOM}Navn;Telefon\r\nKari Nordmann;+47 412 34 567\r\nOla Hansen;0047 91234567\r\n`],
    ['old Mac CR line endings', 'Navn;Telefon\rKari Nordmann;41234567\rOla Hansen;91234567'],
    ['every field quoted', '"Navn";"Telefon"\n"Kari Nordmann";"412 34 567"\n"Ola Hansen";"91234567"\n'],
    ['spaces around fields', 'Navn ; Telefon\n Kari Nordmann ; 412 34 567 \nOla Hansen;91234567\n'],
    ['extra unknown columns', 'Nr;Navn;E-post;Telefon\n1;Kari Nordmann;kari@example.no;41234567\n2;Ola Hansen;;91234567\n'],
    ['columns in another order', 'Telefon;Navn\n41234567;Kari Nordmann\n91234567;Ola Hansen\n'],
    ['no line break at the end', 'Navn;Telefon\nKari Nordmann;41234567\nOla Hansen;91234567'],
  ])('reads %s', (_name, text) => {
    expect(summarize(text)).toEqual(kariAndOla);
  });

  it.each<[string, string, string]>([
    ['semicolon inside quotes (comma file)', 'Navn,Telefon\n"Nordmann; Kari",41234567\n', 'Nordmann; Kari'],
    ['comma inside quotes (semicolon file)', 'Navn;Telefon\n"Nordmann, Kari";41234567\n', 'Nordmann, Kari'],
    ['a doubled quote inside quotes', 'Navn;Telefon\n"Kari ""Kiki"" Nordmann";41234567\n', 'Kari "Kiki" Nordmann'],
    ['a quote inside an unquoted field', 'Navn;Telefon\nKari "Kiki" Nordmann;41234567\n', 'Kari "Kiki" Nordmann'],
    ['æ, ø and å', 'Navn;Telefon\nÆse Østbø Åsheim;41234567\n', 'Æse Østbø Åsheim'],
  ])('keeps %s', (_name, text, name) => {
    expect(summarize(text).good).toEqual([[2, name, '+4741234567']]);
  });

  it.each<[string, string]>([
    ['navn / telefon', 'navn;telefon'],
    ['NAVN / MOBIL', 'NAVN;MOBIL'],
    ['Name / Phone', 'Name;Phone'],
    ['name / mobile', 'name;mobile'],
    ['Navn / Mobilnummer', 'Navn;Mobilnummer'],
    ['Navn / Tlf', 'Navn;Tlf'],
    ['Full name / Phone number', 'Full name;Phone number'],
    ['full_name / phone_number', 'full_name;phone_number'],
  ])('accepts the headers %s', (_name, header) => {
    expect(summarize(`${header}\nKari Nordmann;41234567\n`).good).toEqual([[2, 'Kari Nordmann', '+4741234567']]);
  });

  it('ignores empty lines and rows of empty cells, and still reports the real line numbers', () => {
    const text = 'Navn;Telefon\n\nKari Nordmann;41234567\n;;\n   \n;\nOla Hansen;912\n\n';
    expect(summarize(text)).toEqual({ good: [[3, 'Kari Nordmann', '+4741234567']], bad: [[7, ['invalid_phone']]] });
  });

  it('numbers a row by the line it starts on when a quoted cell spans lines', () => {
    const text = 'Navn;Telefon;Områder\r\n"Kari Nordmann";41234567;"Lørenskog sentrum,\r\nFjellhamar"\r\nOla Hansen;9123\r\n';
    const result = readVolunteerCsv(text, NONE);
    expect(result.ok && result.good[0]).toMatchObject({ line: 2, volunteer: { areas: ['Lørenskog sentrum', 'Fjellhamar'] } });
    expect(result.ok && result.bad[0]).toMatchObject({ line: 4, problems: ['invalid_phone'] });
  });

  it('reads the optional columns: language, areas and task types, in Norwegian or English', () => {
    const text = 'Navn;Telefon;Språk;Områder;Oppgaver\nKari;41234567;en;Lørenskog sentrum, Fjellhamar;Handlehjelp, følge\nOla;91234567;;;\nPer;41234568;English;Rasta;visit/other\n';
    const result = readVolunteerCsv(text, NONE);
    expect(result.ok && result.good.map((r) => r.volunteer)).toEqual([
      volunteer({ name: 'Kari', phone: '+4741234567', language: 'en', areas: ['Lørenskog sentrum', 'Fjellhamar'], taskTypes: ['shopping', 'escort'] }),
      volunteer({ name: 'Ola', phone: '+4791234567', language: 'nb', areas: [], taskTypes: ['shopping', 'escort', 'visit', 'walk', 'practical', 'other'] }),
      volunteer({ name: 'Per', phone: '+4741234568', language: 'en', areas: ['Rasta'], taskTypes: ['visit', 'other'] }),
    ]);
  });

  it('reads the English headers for the optional columns', () => {
    const result = readVolunteerCsv('name,phone,language,areas,task types\nKari,41234567,nb,"A, B",Besøk\n', NONE);
    expect(result.ok && result.good[0]?.volunteer).toEqual(volunteer({ name: 'Kari', phone: '+4741234567', language: 'nb', areas: ['A', 'B'], taskTypes: ['visit'] }));
  });

  it('reads papers, pause, availability, weekly limit, notes and opt-out, as the export writes them or as people type them', () => {
    const text = [
      'Navn;Telefon;Avtale signert;Taushetserklæring;Politiattest;Opplæring;Pause til;Tilgjengelig;Maks per uke;Notater;Meldt av',
      'Kari;41234567;2026-01-15;3.2.2026;03.02.2026;;;man–fre 09–15, lør 10–13;2;Har bil;',
      'Ola;91234567;;;;;1.12.2026;;;;2026-03-02',
    ].join('\n');
    const result = readVolunteerCsv(text, NONE);
    expect(result.ok && result.bad).toEqual([]);
    expect(result.ok && result.good.map((r) => r.volunteer)).toEqual([
      volunteer({
        name: 'Kari', phone: '+4741234567', notes: 'Har bil', agreementSignedOn: '2026-01-15', confidentialitySignedOn: '2026-02-03', policeCertificateOn: '2026-02-03',
        availability: ([1, 2, 3, 4, 5, 6] as const).map((weekday) => (weekday === 6 ? { weekday, from: '10:00', to: '13:00' } : { weekday, from: '09:00', to: '15:00' })),
        maxTasksPerWeek: 2,
      }),
      volunteer({ name: 'Ola', phone: '+4791234567', pausedUntil: '2026-12-01', optedOutOn: '2026-03-02' }),
    ]);
  });

  it('reads the English headers of those columns', () => {
    const text = 'Name,Phone,Police certificate,Training,Availability,Max per week,Notes\nKari,41234567,2026-02-03,2026-02-04,man 10-12,1,x\n';
    const result = readVolunteerCsv(text, NONE);
    expect(result.ok && result.good[0]?.volunteer).toMatchObject({
      policeCertificateOn: '2026-02-03', trainingOn: '2026-02-04', availability: [{ weekday: 1, from: '10:00', to: '12:00' }], maxTasksPerWeek: 1, notes: 'x',
    });
  });
});

describe('the language column, as coordinators write it', () => {
  it.each([
    ['', 'nb'], ['nb', 'nb'], ['Norsk', 'nb'], ['bokmål', 'nb'], ['English', 'en'], ['engelsk', 'en'],
    ['uk', 'uk'], ['Ukrainsk', 'uk'], ['українська', 'uk'], ['arabisk', 'ar'], ['العربية', 'ar'],
    ['polsk', 'pl'], ['Polski', 'pl'], ['somali', 'so'], ['Soomaali', 'so'],
  ])('%j is %s', (text, code) => {
    expect(parseLanguage(text)).toBe(code);
  });

  it.each(['klingon', 'svensk', 'u'])('%j is not supported', (text) => {
    expect(parseLanguage(text)).toBeUndefined();
  });
});

describe('readVolunteerCsv: bad rows', () => {
  const header = 'Navn;Telefon;Språk;Oppgaver\n';

  it.each<[string, string, BadRow['problems']]>([
    ['missing name', ';41234567;;', ['missing_name']],
    ['name of spaces only', '   ;41234567;;', ['missing_name']],
    ['missing number', 'Kari;;;', ['invalid_phone']],
    ['too short a number', 'Kari;4123;;', ['invalid_phone']],
    ['letters in the number', 'Kari;ring meg;;', ['invalid_phone']],
    ['a landline', 'Kari;22 22 22 22;;', ['landline_needs_call']],
    ['a toll-free number', 'Kari;800 12 345;;', ['not_mobile']],
    ['an unknown language', 'Kari;41234567;klingon;', ['unsupported_language']],
    ['an unknown task type', 'Kari;41234567;;Handlehjelp, hagearbeid', ['unknown_task_type']],
    ['several problems at once', ';22 22 22 22;;', ['missing_name', 'landline_needs_call']],
  ])('reports %s', (_name, row, problems) => {
    const result = readVolunteerCsv(header + row, NONE);
    expect(result.ok && result.bad).toEqual([expect.objectContaining({ line: 2, problems })]);
    expect(result.ok && result.good).toEqual([]);
  });

  const detailsHeader = 'Navn;Telefon;Politiattest;Meldt av;Tilgjengelig;Maks per uke;Notater\n';
  it.each<[string, string, BadRow['problems']]>([
    ['a date that does not exist', 'Kari;41234567;31.2.2026;;;;', ['invalid_date']],
    ['a date in words', 'Kari;41234567;i fjor;;;;', ['invalid_date']],
    ['a two-digit year', 'Kari;41234567;3.2.26;;;;', ['invalid_date']],
    ['an unreadable opt-out date', 'Kari;41234567;;ja;;;', ['invalid_date']],
    ['availability that is not days and hours', 'Kari;41234567;;;helst formiddag;;', ['invalid_availability']],
    ['a weekly limit of zero', 'Kari;41234567;;;;0;', ['invalid_weekly_limit']],
    ['a weekly limit in words', 'Kari;41234567;;;;to;', ['invalid_weekly_limit']],
    ['notes longer than the form allows', `Kari;41234567;;;;;${'x'.repeat(5001)}`, ['too_long']],
    ['a bad number and a bad date', 'Kari;4123;1.13.2026;;;;', ['invalid_phone', 'invalid_date']],
  ])('reports %s, as the admin form would', (_name, row, problems) => {
    const result = readVolunteerCsv(detailsHeader + row, NONE);
    expect(result.ok && result.bad).toEqual([expect.objectContaining({ line: 2, problems })]);
    expect(result.ok && result.good).toEqual([]);
  });

  it('names the columns whose dates it could not read, as the file writes them', () => {
    const result = readVolunteerCsv('Navn;Telefon;Politiattest;Opplæring;Meldt av\nKari;41234567;31.2.2026;1.1.2026;snart\n', NONE);
    expect(result.ok && result.bad[0]).toMatchObject({ problems: ['invalid_date'], badDateColumns: ['Politiattest', 'Meldt av'] });
  });

  it('a duplicate number is told even when the row has other problems', () => {
    const result = readVolunteerCsv('Navn;Telefon;Maks per uke\nKari;41234567;\nKari igjen;41234567;99\n', NONE);
    expect(result.ok && result.bad).toEqual([expect.objectContaining({ line: 3, problems: ['invalid_weekly_limit', 'duplicate_in_file'], sameAsLine: 2 })]);
  });

  it('keeps what was typed, so the coordinator can find the row', () => {
    const result = readVolunteerCsv('Navn;Telefon\nKari Nordmann;412 34\n', NONE);
    expect(result.ok && result.bad[0]).toEqual({ line: 2, name: 'Kari Nordmann', phone: '412 34', problems: ['invalid_phone'] });
  });

  it('a number already in the file (however written) is a duplicate; the first row is still good', () => {
    const text = 'Navn;Telefon\nKari;41234567\nOla;91234567\nKari igjen;+47 412 34 567\n';
    const result = readVolunteerCsv(text, NONE);
    expect(result.ok && result.good.map((r) => r.line)).toEqual([2, 3]);
    expect(result.ok && result.bad).toEqual([{ line: 4, name: 'Kari igjen', phone: '+47 412 34 567', problems: ['duplicate_in_file'], sameAsLine: 2, sameAsName: 'Kari' }]);
  });

  it('a number of a registered volunteer updates them, even written another way, and says what changes', () => {
    const kari: ExistingVolunteer = { ...volunteer({ name: 'Kari Nordman', phone: '+4741234567', areas: ['Fjellhamar'] }), id: '7', optedOutAt: null };
    const result = readVolunteerCsv('Navn;Telefon;Områder\nKari Nordmann;0047 412 34 567;Fjellhamar\nOla;91234567;\n', new Map([[kari.phone, kari]]));
    expect(result.ok && result.bad).toEqual([]);
    expect(result.ok && result.good.map((r) => [r.volunteer.phone, r.update])).toEqual([
      ['+4741234567', { id: '7', name: 'Kari Nordman', changes: [{ column: 'Navn', before: 'Kari Nordman', after: 'Kari Nordmann' }] }],
      ['+4791234567', undefined],
    ]);
  });

  it('a registered number on a row naming somebody else is refused, naming who has it', () => {
    const rita: ExistingVolunteer = { ...volunteer({ name: 'Rita Registrert', phone: '+4741234567' }), id: '9', optedOutAt: null };
    const result = readVolunteerCsv('Navn;Telefon\nOla Olsen;41234567\n', new Map([[rita.phone, rita]]));
    expect(result.ok && result.bad).toEqual([{ line: 2, name: 'Ola Olsen', phone: '41234567', problems: ['number_of_other_person'], holder: { id: '9', name: 'Rita Registrert' } }]);
  });

  it('knows a corrected name from another person', () => {
    expect(isSamePerson('Kari Nordman', 'Kari Nordmann')).toBe(true);
    expect(isSamePerson('Bjørn Ås', 'bjorn as')).toBe(true);
    expect(isSamePerson('Kari Hansen', 'Kari Olsen')).toBe(true); // a new surname
    expect(isSamePerson('Kari Hansen', 'Ola Olsen')).toBe(false);
  });
});

describe('readVolunteerCsv: files it cannot use', () => {
  it.each<[string, string, unknown]>([
    ['an empty file', '', { code: 'empty' }],
    ['only a BOM and blank lines', `${BOM}\r\n\r\n`, { code: 'empty' }],
    ['no name column', 'Fornavn;Telefon\nKari;41234567\n', { code: 'missing_columns', missing: ['name'] }],
    ['no header row', 'Kari;41234567\nOla;91234567\n', { code: 'missing_columns', missing: ['name', 'phone'] }],
    ['a quote never closed', 'Navn;Telefon\n"Kari;41234567\nOla;91234567\n', { code: 'unreadable', line: expect.any(Number) }],
  ])('rejects %s as a whole', (_name, text, error) => {
    expect(readVolunteerCsv(text, NONE)).toEqual({ ok: false, error });
  });

  it('a header without rows gives nothing to import', () => {
    expect(readVolunteerCsv('Navn;Telefon\n', NONE)).toEqual({ ok: true, good: [], bad: [] });
  });
});

describe('decodeCsvBytes', () => {
  it.each<[string, Uint8Array]>([
    ['UTF-8 with a BOM', new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from('Navn;Østbø', 'utf8')])],
    ['UTF-8 without a BOM', new Uint8Array(Buffer.from('Navn;Østbø', 'utf8'))],
    ['Windows-1252 (Excel «CSV» on Norwegian Windows)', new Uint8Array([...Buffer.from('Navn;', 'latin1'), 0xd8, 0x73, 0x74, 0x62, 0xf8])],
  ])('reads %s', (_name, bytes) => {
    expect(decodeCsvBytes(bytes)).toBe('Navn;Østbø');
  });
});

describe('isSpreadsheetFile', () => {
  it.each<[string, number[], boolean]>([
    ['an .xlsx workbook (zip)', [0x50, 0x4b, 0x03, 0x04, 0x14, 0x00], true],
    ['an old .xls workbook', [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1], true],
    ['a CSV file', [...Buffer.from('Navn;Telefon')], false],
    ['an empty file', [], false],
  ])('%s → %s', (_name, bytes, expected) => {
    expect(isSpreadsheetFile(new Uint8Array(bytes))).toBe(expected);
  });
});

describe('detectDelimiter', () => {
  it.each<[string, string]>([
    ['Navn;Telefon', ';'],
    ['Navn,Telefon', ','],
    ['"Navn, fullt";Telefon', ';'],
    ['"Navn; fullt",Telefon', ','],
    ['\n\nNavn\tTelefon', '\t'],
    ['Navn', ';'],
  ])('%j → %j', (text, delimiter) => {
    expect(detectDelimiter(text)).toBe(delimiter);
  });
});

describe('the shared rules', () => {
  it('checkVolunteerIdentity lists problems in the order name, language, phone', () => {
    expect(checkVolunteerIdentity({ name: ' ', phone: '22222222', language: 'xx' })).toEqual({
      ok: false,
      problems: [{ field: 'name', code: 'missing_name' }, { field: 'language', code: 'unsupported_language' }, { field: 'phone', code: 'landline_needs_call' }],
    });
    expect(checkVolunteerIdentity({ name: ' Kari ', phone: '412 34 567' })).toEqual({ ok: true, name: 'Kari', phone: '+4741234567', language: 'nb', contactPreference: 'sms' });
  });

  it.each<[string, string[] | undefined]>([
    ['Handlehjelp', ['shopping']],
    ['følge til lege; BESØK', ['escort', 'visit']],
    ['Tur, praktisk hjelp', ['walk', 'practical']],
    ['shopping, shopping', ['shopping']],
    ['hagearbeid', undefined],
  ])('parseTaskTypes(%j)', (text, types) => {
    expect(parseTaskTypes(text)).toEqual(types);
  });

  it('splitAreas trims, drops blanks and repeats', () => {
    expect(splitAreas(' Lørenskog  sentrum ,, Fjellhamar; Lørenskog sentrum ')).toEqual(['Lørenskog sentrum', 'Fjellhamar']);
  });
});

describe('formatVolunteersCsv', () => {
  const kari: VolunteerCsvExportRow = {
    name: 'Nordmann; Kari', phone: '+4741234567', language: 'nb', areas: ['Lørenskog sentrum', 'Fjellhamar'], taskTypes: ['shopping', 'escort'],
    notes: 'Har bil.\nIkke mandager.', agreementSignedOn: '2026-01-15', confidentialitySignedOn: null, policeCertificateOn: null, trainingOn: '2026-02-01',
    pausedUntil: null, availability: [{ weekday: 1, from: '09:00', to: '15:00' }, { weekday: 2, from: '09:00', to: '15:00' }], maxTasksPerWeek: 2,
    optedOutAt: new Date('2026-03-01T23:30:00Z'), contactPreference: 'sms',
  };

  it('writes semicolon-separated CRLF lines with a BOM and Norwegian headers', () => {
    const csv = formatVolunteersCsv([kari]);
    expect(csv.startsWith(BOM)).toBe(true);
    const [header] = csv.slice(1).split('\r\n');
    expect(header).toBe('Navn;Telefon;Språk;Områder;Oppgaver;Notater;Avtale signert;Taushetserklæring;Politiattest;Opplæring;Pause til;Tilgjengelig;Maks per uke;Meldt av;Kontakt');
    expect(csv).toContain('"Nordmann; Kari";+4741234567;nb;Lørenskog sentrum, Fjellhamar;Handlehjelp, Følge;"Har bil.\nIkke mandager.";2026-01-15;;;2026-02-01;;man–tir 09:00–15:00;2;2026-03-02;SMS\r\n');
  });

  it('keeps cells that a spreadsheet would run as formulas as text', () => {
    const csv = formatVolunteersCsv([{ ...kari, name: '=HYPERLINK("http://x")', notes: '@SUM(1)', areas: ['-1+1'] }]);
    expect(csv).toContain(`"'=HYPERLINK(""http://x"")";+4741234567;nb;'-1+1;`);
    expect(csv).toContain(`;'@SUM(1);`);
  });

  it('reads back through the import with every detail, opted out included', () => {
    const ola: VolunteerCsvExportRow = {
      ...kari, name: 'Ola', phone: '+4791234567', language: 'uk', taskTypes: ['visit', 'other'], notes: '', agreementSignedOn: null,
      policeCertificateOn: '2025-11-30', pausedUntil: '2026-12-24', availability: [], maxTasksPerWeek: null, optedOutAt: null, contactPreference: 'sms_then_call',
    };
    const result = readVolunteerCsv(formatVolunteersCsv([kari, ola]), NONE);
    expect(result.ok && result.bad).toEqual([]);
    expect(result.ok && result.good.map((r) => r.volunteer)).toEqual([
      { ...kari, optedOutAt: undefined, optedOutOn: '2026-03-02' },
      { ...ola, optedOutAt: undefined, optedOutOn: null },
    ].map(({ optedOutAt: _dropped, ...v }) => v));
  });
});

describe('the contact column (issue 15)', () => {
  it('imports a landline whose row says «Ring», and reports one that does not', () => {
    const result = readVolunteerCsv('Navn;Telefon;Kontakt\nPer;22 12 34 56;Ring\nOla;22 12 34 57;SMS\nKari;41234567;SMS, så ring\nLise;41234568;brev\n', NONE);
    expect(result.ok && result.good.map((r) => [r.volunteer.name, r.volunteer.phone, r.volunteer.contactPreference])).toEqual([
      ['Per', '+4722123456', 'call'], ['Kari', '+4741234567', 'sms_then_call'],
    ]);
    expect(result.ok && result.bad.map((r) => [r.line, r.problems])).toEqual([[3, ['landline_needs_call']], [5, ['invalid_contact_preference']]]);
  });

  it('a landline is checked for duplicates like a mobile', () => {
    const result = readVolunteerCsv('Navn;Telefon;Kontakt\nPer;22 12 34 56;Ring\nPer igjen;+47 22 12 34 56;Ring\n', NONE);
    expect(result.ok && result.bad.map((r) => [r.line, r.problems])).toEqual([[3, ['duplicate_in_file']]]);
  });
});
