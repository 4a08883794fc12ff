import { readingEvidence, readingSummary } from '../../src/http/views/reply-reading-text';

describe('how a reading is shown to coordinators', () => {
  it('says in Norwegian what it was read as, in which context, and which words decided', () => {
    const reading = { intent: 'unclear', context: 'offer' as const, evidence: ['yes:«ja»', 'condition:«hvis»', 'a condition or doubt', 'a number: 12'] };
    expect(readingSummary(reading)).toBe('Tolket som uklart (hadde et åpent tilbud)');
    expect(readingEvidence(reading)).toBe('ja-ord «ja» · vilkår/tvil «hvis» · ja med vilkår eller tvil · et tall: 12');
    expect(readingSummary({ intent: 'accept_with_question', context: 'offer', evidence: [], question: 'hvor er det?' }))
      .toBe('Tolket som ja, med et spørsmål (hadde et åpent tilbud); spørsmål: «hvor er det?»');
  });
});
