import { countSegments, foldToGsm, toGsmFriendly, truncateToSegments, type SegmentCount } from '../../src/domain/sms-segments';

const a = (n: number) => 'a'.repeat(n);
const ucs = (n: number) => 'ж'.repeat(n); // Cyrillic: one UTF-16 unit, not GSM-7

describe('countSegments', () => {
  it.each<[string, string, SegmentCount]>([
    ['empty', '', { encoding: 'GSM-7', units: 0, segments: 0 }],
    ['160 GSM chars', a(160), { encoding: 'GSM-7', units: 160, segments: 1 }],
    ['161 GSM chars', a(161), { encoding: 'GSM-7', units: 161, segments: 2 }],
    ['306 GSM chars', a(306), { encoding: 'GSM-7', units: 306, segments: 2 }],
    ['307 GSM chars', a(307), { encoding: 'GSM-7', units: 307, segments: 3 }],
    ['459 GSM chars', a(459), { encoding: 'GSM-7', units: 459, segments: 3 }],
    ['70 UCS-2 chars', ucs(70), { encoding: 'UCS-2', units: 70, segments: 1 }],
    ['71 UCS-2 chars', ucs(71), { encoding: 'UCS-2', units: 71, segments: 2 }],
    ['134 UCS-2 chars', ucs(134), { encoding: 'UCS-2', units: 134, segments: 2 }],
    ['135 UCS-2 chars', ucs(135), { encoding: 'UCS-2', units: 135, segments: 3 }],
    ['€ costs 2', '€', { encoding: 'GSM-7', units: 2, segments: 1 }],
    ['159 chars + € overflows', a(159) + '€', { encoding: 'GSM-7', units: 161, segments: 2 }],
    ['158 chars + € fits', a(158) + '€', { encoding: 'GSM-7', units: 160, segments: 1 }],
    ['every extension character costs 2', '^{}\\[~]|€\f', { encoding: 'GSM-7', units: 20, segments: 1 }],
    ['ÆØÅæøå stay GSM-7', 'ÆØÅæøå', { encoding: 'GSM-7', units: 6, segments: 1 }],
    ['Norwegian offer text', 'Kan du handle for en nabo på Røa i dag kl 14? Svar JA eller NEI.',
      { encoding: 'GSM-7', units: 64, segments: 1 }],
    ['GSM specials', '@£$¥èéùìòÇØøÅåΔ_ΦΓΛΩΠΨΣΘΞßÉ¤¡ÄÖÑÜ§¿äöñüà', { encoding: 'GSM-7', units: 40, segments: 1 }],
    ['emoji forces UCS-2, 2 units each', 'Takk! 👍', { encoding: 'UCS-2', units: 8, segments: 1 }],
    ['typographic apostrophe forces UCS-2', 'Det er ’fint’', { encoding: 'UCS-2', units: 13, segments: 1 }],
    ['ç (lower case) is not GSM-7', 'ç', { encoding: 'UCS-2', units: 1, segments: 1 }],
    ['« forces UCS-2', '«ja»', { encoding: 'UCS-2', units: 4, segments: 1 }],
    ['€ is one unit in UCS-2', '€ж', { encoding: 'UCS-2', units: 2, segments: 1 }],
    ['extension characters are one unit in UCS-2', '[]{}~|^\\€ж', { encoding: 'UCS-2', units: 10, segments: 1 }],
    ['Arabic is UCS-2', 'نعم', { encoding: 'UCS-2', units: 3, segments: 1 }],
    ['Arabic question mark and comma', '؟،', { encoding: 'UCS-2', units: 2, segments: 1 }],
    ['Polish diacritics force UCS-2', 'Dziękuję', { encoding: 'UCS-2', units: 8, segments: 1 }],
    ['Latin with ASCII letters only is GSM-7', 'Mahadsanid! Haa ama maya', { encoding: 'GSM-7', units: 24, segments: 1 }],
    ['a Norwegian area in Ukrainian text', 'Lørenskog: так', { encoding: 'UCS-2', units: 14, segments: 1 }],
  ])('%s', (_name, text, expected) => {
    expect(countSegments(text)).toEqual(expected);
  });

  it.each<[string, string, number]>([
    ['an extension char straddling a 153 boundary moves to the next part', a(152) + '€' + a(10), 2],
    ['… and can need an extra part', a(152) + '€' + a(152), 3],
    ['an emoji straddling a 67 boundary moves to the next part', ucs(66) + '😀' + ucs(66), 3],
  ])('%s', (_name, text, segments) => {
    expect(countSegments(text).segments).toBe(segments);
  });
});

describe('toGsmFriendly', () => {
  it.each<[string, string, string]>([
    ['curly apostrophe', 'Det er Kari’s tur', "Det er Kari's tur"],
    ['single quotes', '‘ja’', "'ja'"],
    ['double quotes', '“ja”', '"ja"'],
    ['Norwegian guillemets', '«Svar JA»', '"Svar JA"'],
    ['en dash', 'kl 12–14', 'kl 12-14'],
    ['em dash', 'i dag — takk', 'i dag - takk'],
    ['ellipsis', 'Vent…', 'Vent...'],
    ['no-break spaces', 'kl\u00A012\u202F00', 'kl 12 00'],
    ['zero-width and soft hyphen', 'hand\u00ADle\u200B', 'handle'],
    ['plain text unchanged', 'Hei Åse, kan du?', 'Hei Åse, kan du?'],
  ])('%s', (_name, input, expected) => {
    expect(toGsmFriendly(input)).toBe(expected);
  });

  it('keeps a Norwegian template with typographic characters in GSM-7', () => {
    const template = '«Handling» på Røa i dag kl 12–14 – svar ’JA’ eller ’NEI’…';
    expect(countSegments(template).encoding).toBe('UCS-2');
    expect(countSegments(toGsmFriendly(template)).encoding).toBe('GSM-7');
  });
});

describe('foldToGsm', () => {
  it.each<[string, string]>([
    ['Dziękujemy, że jesteś z nami!', 'Dziekujemy, ze jestes z nami!'],
    ['Łódź, źródło, ćma, ósmy, ń', 'Lodz, zrodlo, cma, osmy, n'],
    ['Ørje, Ås, Tønsberg, Bærum', 'Ørje, Ås, Tønsberg, Bærum'], // GSM-7 has these: kept
    ['é è ñ ü à Ç stay', 'é è ñ ü à Ç stay'],
    ['ç ê', 'c e'],
    ['так 👍', 'так 👍'], // nothing to fold to
    ['e\u0328', 'e'], // decomposed ę
  ])('%j → %j', (text, expected) => {
    expect(foldToGsm(text)).toBe(expected);
  });

  it('makes a Polish text GSM-7', () => {
    const text = 'Czy możesz pomóc? Odpowiedz TAK lub NIE w ciągu 30 min.';
    expect(countSegments(text).encoding).toBe('UCS-2');
    expect(countSegments(foldToGsm(text)).encoding).toBe('GSM-7');
  });
});

describe('truncateToSegments', () => {
  const words = (count: number) => Array.from({ length: count }, (_, i) => `ord${i}`).join(' ');

  it.each<[string, string, number]>([
    ['long GSM text to 1', words(100), 1],
    ['long GSM text to 2', words(100), 2],
    ['long UCS-2 text to 1', `${words(100)} 👍`, 1],
    ['long UCS-2 text to 2', `Привет ${words(100)}`, 2],
    ['text full of extension chars', Array.from({ length: 100 }, () => '€€ {}').join(' '), 1],
    ['one long word without spaces', a(500), 1],
    ['one long emoji run without spaces', '😀'.repeat(100), 1],
    ['Ukrainian to 2', 'Допоможете? Покупки чт 3.12 о 10:00, Lørenskog sentrum. '.repeat(5), 2],
    ['Arabic to 2', 'هل يمكنك المساعدة؟ تسوق الخميس 3/12 10:00، Lørenskog sentrum. '.repeat(5), 2],
  ])('%s fits, ends with "..." and is a prefix', (_name, text, maxSegments) => {
    const result = truncateToSegments(text, maxSegments);
    expect(countSegments(result).segments).toBeLessThanOrEqual(maxSegments);
    expect(result.endsWith('...')).toBe(true);
    expect(text.startsWith(result.slice(0, -3))).toBe(true);
  });

  it('cuts at a word boundary and uses as much room as it can', () => {
    const result = truncateToSegments(words(100), 1);
    expect(result).toMatch(/ord\d+\.\.\.$/);
    expect(words(100).startsWith(`${result.slice(0, -3)} `)).toBe(true);
    expect(countSegments(result).units).toBeGreaterThan(150);
  });

  it.each<[string, string, number, string]>([
    ['text that fits is unchanged', 'Hei! Kan du hjelpe?', 1, 'Hei! Kan du hjelpe?'],
    ['exactly 160 is unchanged', a(160), 1, a(160)],
    ['zero segments gives empty', 'Hei', 0, ''],
    ['empty stays empty', '', 1, ''],
    ['dangling comma is dropped before ...', `${a(150)}, ${a(20)}`, 1, `${a(150)}...`],
    ['hard cut when no space fits', a(200), 1, `${a(157)}...`],
  ])('%s', (_name, text, maxSegments, expected) => {
    expect(truncateToSegments(text, maxSegments)).toBe(expected);
  });

  it('uses GSM-7 room when the character forcing UCS-2 is cut away', () => {
    const text = `${words(30)} 😀`;
    const result = truncateToSegments(text, 1);
    expect(countSegments(result).encoding).toBe('GSM-7');
    expect(result.length).toBeGreaterThan(70);
  });
});
