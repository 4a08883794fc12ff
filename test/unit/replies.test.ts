import { classifyReply, MAX_REPLY_WORDS, type ReplyIntent } from '../../src/domain/replies';
import { LANGUAGES } from '../../src/domain/languages/index';
import { listConflictingPhrases } from '../../src/domain/reply-phrases';

describe('classifyReply', () => {
  it.each<[string, ReplyIntent, string | undefined]>([
    // yes
    ['JA', 'yes', 'nb'],
    ['ja takk', 'yes', 'nb'],
    ['Ja!', 'yes', 'nb'],
    ['jepp', 'yes', 'nb'],
    ['jepps', 'yes', 'nb'],
    ['jada', 'yes', 'nb'],
    ['javisst', 'yes', 'nb'],
    ['ja gjerne', 'yes', 'nb'],
    ['gjerne', 'yes', 'nb'],
    ['ok', 'yes', 'nb'],
    ['okei', 'yes', 'nb'],
    ['ok!', 'yes', 'nb'],
    ['1', 'yes', 'nb'],
    ['J', 'yes', 'nb'],
    ['yes', 'yes', 'en'],
    ['y', 'yes', 'en'],
    ['yep', 'yes', 'en'],
    ['yeah', 'yes', 'en'],
    ['sure', 'yes', 'en'],
    ['yes please', 'yes', 'en'],
    ['YES!!!', 'yes', 'en'],
    ['ja, det kan jeg', 'yes', 'nb'],
    ['ja jeg kan', 'yes', 'nb'],
    ['Ja, det tar jeg', 'yes', 'nb'],
    ['Ja det kan jeg gjerne ta', 'yes', 'nb'],
    ['  ja   takk.  ', 'yes', 'nb'],
    ['ja takk 🙂', 'yes', 'nb'],
    ['ikke noe problem', 'yes', 'nb'],
    ['yes, no problem', 'yes', 'en'],
    ['👍', 'yes', undefined],
    ['👍🏽', 'yes', undefined],
    ['👍🏿 ja', 'yes', 'nb'],
    ['1.', 'yes', 'nb'],
    // no
    ['NEI', 'no', 'nb'],
    ['nei takk', 'no', 'nb'],
    ['nei dessverre', 'no', 'nb'],
    ['dessverre ikke', 'no', 'nb'],
    ['kan ikke', 'no', 'nb'],
    ['jeg kan ikke', 'no', 'nb'],
    ['Nei, jeg er bortreist', 'no', 'nb'],
    ['nei, det kan jeg ikke', 'no', 'nb'],
    ['ikke i dag', 'no', 'nb'],
    ['2', 'no', 'nb'],
    ['no', 'no', 'en'],
    ['n', 'no', 'en'],
    ['nope', 'no', 'en'],
    ['no thanks', 'no', 'en'],
    ['sorry no', 'no', 'en'],
    ['Sorry, no.', 'no', 'en'],
    ["can't", 'no', 'en'],
    ['can’t', 'no', 'en'],
    ['cannot', 'no', 'en'],
    ['not this time', 'no', 'en'],
    ['👎', 'no', undefined],
    ['👎🏻', 'no', undefined],
    // stop / start: only the whole message
    ['STOPP', 'stop', 'nb'],
    ['stop', 'stop', 'en'],
    ['Stopp!', 'stop', 'nb'],
    ['avslutt', 'stop', 'nb'],
    ['avmeld', 'stop', 'nb'],
    ['unsubscribe', 'stop', 'en'],
    ['stopp alt', 'stop', 'nb'],
    ['START', 'start', 'nb'],
    ['start igjen', 'start', 'nb'],
    ['unstop', 'start', 'en'],
  ])('%j → %s (%s)', (body, intent, language) => {
    const result = classifyReply(body);
    expect(result.intent).toBe(intent);
    expect(result.language).toBe(language);
  });

  it.each<[string, string]>([
    ['', 'empty'],
    ['   ', 'blank'],
    ['🙂', 'only another emoji'],
    ['ja nei', 'yes and no together'],
    ['ja, men bare etter kl 12', 'condition: men'],
    ['yes but only after 12', 'condition: but'],
    ['ja hvis det er i morgen', 'condition: hvis'],
    ['yes if it is tomorrow', 'condition: if'],
    ['kanskje', 'maybe (nb)'],
    ['ja kanskje', 'yes + kanskje'],
    ['maybe', 'maybe (en)'],
    ['ja, kun på formiddagen', 'condition: kun'],
    ['yes, only mornings', 'condition: only'],
    ['ja?', 'question'],
    ['ok?', 'question'],
    ['hva?', 'question'],
    ['kan du stoppe?', 'question with a stop-like word'],
    ['hvem er dette', 'unknown sender question without ?'],
    ['3', 'other digit'],
    ['12', 'two digits'],
    ['takk', 'thanks alone'],
    ['jeg vet ikke', 'do not know'],
    ['not sure', 'not sure'],
    ['ja, jeg kan ikke', 'yes then a negation'],
    ['nei, gjerne en annen gang', 'no then a yes word'],
    ['ja 👎', 'thumbs contradict'],
    ['👍👎', 'both thumbs'],
    ['stopp å sende meg meldinger', 'stop word inside a sentence'],
    ['please stop', 'stop word after another word'],
    ['ja, stopp', 'yes then stop'],
    ['start kl 10', 'start word inside a sentence'],
    ['jeg sa ja til en annen oppgave', 'yes word not leading'],
    ['ja jeg kommer gjerne og hjelper deg med handlingen i morgen', 'long message'],
    ['n 2', 'short codes inside text are ignored'],
    ['hei', 'greeting'],
  ])('%j is unclear (%s)', (body) => {
    const result = classifyReply(body);
    expect(result.intent).toBe('unclear');
    expect(result.language).toBeUndefined();
  });

  it.each<[string, string]>([
    ['  JA,   Det   TAR jeg!! ', 'ja, det tar jeg'],
    ['Ja 👍🏽', 'ja 👍'],
    ['ÆØÅ ok', 'æøå ok'],
    ['ok 🎉🎉', 'ok'],
    ['…nei…', 'nei'],
    ['ja 🇳🇴', 'ja'],
    ['👨‍👩‍👧 nei', 'nei'],
  ])('normalises %j to %j', (body, normalized) => {
    expect(classifyReply(body).normalized).toBe(normalized);
  });

  it(`treats more than ${MAX_REPLY_WORDS} words as unclear even when it starts with yes`, () => {
    const words = ['ja', ...Array.from({ length: MAX_REPLY_WORDS }, () => 'altså')];
    expect(classifyReply(words.slice(0, MAX_REPLY_WORDS).join(' ')).intent).toBe('yes');
    expect(classifyReply(words.join(' ')).intent).toBe('unclear');
  });
});

describe('classifyReply in the volunteer\'s language', () => {
  // Polish `tak` is yes; from a Norwegian it is a typo of `takk` (thanks), which is no answer.
  // Ukrainians on a Latin keyboard write `tak` for так (yes) too.
  it.each<[string, string | undefined, ReplyIntent, string | undefined]>([
    ['tak', 'pl', 'yes', 'pl'],
    ['Tak!', 'pl', 'yes', 'pl'],
    ['tak', 'uk', 'yes', 'uk'],
    ['tak', 'nb', 'unclear', undefined],
    ['tak', 'en', 'unclear', undefined], // neither Polish nor Norwegian: a real doubt
    ['tak', 'so', 'unclear', undefined],
    ['tak', undefined, 'unclear', undefined],
    ['tak', 'xx', 'unclear', undefined],
    ['takk', 'nb', 'unclear', undefined],
    ['takk', 'pl', 'unclear', undefined],
    ['ja tak', 'nb', 'yes', 'nb'], // "ja takk" with a typo
    ['nei tak', 'nb', 'no', 'nb'],
    ['tak, mogę', 'pl', 'yes', 'pl'],
    ['tak ale tylko rano', 'pl', 'unclear', undefined],
    ['так', undefined, 'yes', 'uk'],
    ['так', 'pl', 'yes', 'uk'],
    ['ні', 'uk', 'no', 'uk'],
    ['nie', undefined, 'no', 'pl'],
    ['nie mogę', 'nb', 'no', 'pl'],
    ['nie moge', 'pl', 'no', 'pl'], // without diacritics
    ['haa', undefined, 'yes', 'so'],
    ['Maya', 'nb', 'no', 'so'],
    ['نعم', undefined, 'yes', 'ar'],
    ['لا', 'ar', 'no', 'ar'],
    ['لا شكراً', 'ar', 'no', 'ar'], // tanween is unified away
    ['لا أعرف', 'ar', 'unclear', undefined],
    ['لا اعرف', 'ar', 'unclear', undefined], // hamza or not
    ['نعم؟', 'ar', 'unclear', undefined], // Arabic question mark
    ['١', 'ar', 'yes', 'ar'], // Arabic-Indic digit one
    ['ok', 'pl', 'yes', 'pl'], // a shared word reports the volunteer's language
    ['ok', undefined, 'yes', 'nb'],
    ['no', 'pl', 'no', 'en'], // Polish colloquial "no" (= yeah) is not listed: English decides
    ['stop', 'so', 'stop', 'so'],
    ['STOPP', 'uk', 'stop', 'nb'],
  ])('%j from a %s volunteer → %s (%s)', (body, volunteerLanguage, intent, language) => {
    const result = classifyReply(body, volunteerLanguage);
    expect(result.intent).toBe(intent);
    expect(result.language).toBe(language);
  });
});

describe('reply word lists', () => {
  const entries = LANGUAGES.flatMap(({ code, replyWords }) =>
    Object.entries(replyWords).flatMap(([kind, phrases]: [string, readonly string[] | undefined]) =>
      (phrases ?? []).map((phrase) => ({ code, kind, phrase })),
    ),
  );
  const conflicting = new Set(listConflictingPhrases());

  it.each(LANGUAGES.map((language) => [language.code, language] as const))(
    '%s has every list filled',
    (_code, { replyWords: words }) => {
      for (const list of [words.yes, words.no, words.stop, words.start, words.hedges]) {
        expect(list.length).toBeGreaterThan(0);
      }
    },
  );

  it('are written in lower case', () => {
    expect(entries.filter(({ phrase }) => phrase !== phrase.toLowerCase())).toEqual([]);
  });

  it('give a phrase one meaning within a language', () => {
    const kinds = new Map<string, Set<string>>();
    for (const { code, kind, phrase } of entries) {
      const key = `${code}:${classifyReply(phrase).normalized}`;
      kinds.set(key, (kinds.get(key) ?? new Set()).add(kind));
    }
    expect([...kinds].filter(([, set]) => set.size > 1).map(([key]) => key)).toEqual([]);
  });

  it('give a phrase different meanings across languages only for the known false friends', () => {
    expect([...conflicting]).toEqual(['tak']);
  });

  const expectedIntent = (kind: string) => (kind === 'hedges' || kind === 'falseFriends' ? 'unclear' : kind);

  it.each(entries.map(({ code, kind, phrase }) => [phrase, kind, code]))('%j on its own (%s, %s)', (phrase, kind, code) => {
    expect(classifyReply(phrase, code).intent).toBe(expectedIntent(kind));
    if (!conflicting.has(phrase)) expect(classifyReply(phrase).intent).toBe(expectedIntent(kind));
  });
});
