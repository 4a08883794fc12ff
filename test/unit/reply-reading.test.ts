import { readReply, type ReadingContextKind } from '../../src/domain/reply-reading/index';

const read = (text: string, kind: ReadingContextKind = 'offer', language = 'nb') => readReply(text, { kind, language });

describe('readReply: the rules of issue 12', () => {
  it.each([
    ['ja hvis jeg får skyss'], ['ja, eller nei forresten'], ['ja?'], ['Ja, men bare etter kl 12'], ['Ok?'],
    ['Ja. Men jeg har ikke bil'], ['Ja, kan komme 10:30'], ['Kanskje, jeg må sjekke'], ['Ja jeg tror det'],
  ])('never accepts a conditioned, doubtful or contradicted yes: %s', (text) => {
    expect(read(text).intent).toBe('unclear');
  });

  it.each([
    ['Neida, det går fint'], ['jada'], ['jo da'], ['det kan jeg godt'], ['gjerne for meg'], ['selvsagt'], ['Jaaaa 😊👍'],
    ['Hei! Ja, det tar jeg gjerne. Hilsen Kari'], ['Det kan eg godt'],
  ])('accepts a plain yes however it is written: %s', (text) => {
    expect(read(text).intent).toBe('accept');
  });

  it.each([['har ikke anledning'], ['er bortreist'], ['rekker det ikke'], ['eg kan ikkje'], ['neeei'], ['Er på hytta hele helga, dessverre']])(
    'declines a live offer on a no, a regret or a reason alone: %s', (text) => {
      expect(read(text).intent).toBe('decline');
    });

  it('keeps what follows a no as a note', () => {
    expect(read('Nei, men på fredag går det')).toMatchObject({ intent: 'decline', note: 'men på fredag går det' });
  });

  it('a yes with a practical question accepts and carries the question', () => {
    expect(read('Gjerne! Skal jeg ta med handlenett?')).toMatchObject({ intent: 'accept_with_question', question: 'skal jeg ta med handlenett?' });
  });

  it('a question alone about who writes or how to answer is a help question', () => {
    expect(read('Hva er dette for noe?').intent).toBe('help_question');
    expect(read('Hva skal jeg svare?', 'none').intent).toBe('help_question');
    expect(read('Hvor lang tid tar det?').intent).toBe('unclear'); // a practical question without an answer goes to a person
  });

  it('context decides what a negative means', () => {
    expect(read('rekker det ikke likevel', 'offer').intent).toBe('decline');
    expect(read('rekker det ikke likevel', 'accepted').intent).toBe('withdraw');
    expect(read('rekker det ikke likevel', 'none').intent).toBe('unclear');
    expect(read('må melde forfall på torsdag', 'accepted')).toMatchObject({ intent: 'withdraw', day: { kind: 'weekday', weekday: 4 } });
    expect(read('Jeg kan ikke i morgen likevel', 'accepted')).toMatchObject({ intent: 'withdraw', day: { kind: 'tomorrow' } });
    expect(read('nei', 'none').intent).toBe('decline');
    expect(read('nei', 'accepted').intent).toBe('unclear');
  });

  it('reads opt-out sentences as STOPP, unless limited in time', () => {
    expect(read('vil ikke ha flere slike meldinger', 'none').intent).toBe('opt_out');
    expect(read('fjern meg fra lista').intent).toBe('opt_out');
    expect(read('slett nummeret mitt', 'accepted').intent).toBe('opt_out');
    expect(read('ikke send flere tilbud denne uka').intent).toBe('unclear');
  });

  it('keeps keywords as they are', () => {
    expect(read('AVBRYT', 'accepted')).toMatchObject({ intent: 'command', command: { kind: 'cancel' } });
    expect(read('STOPP').intent).toBe('opt_out');
    expect(read('START', 'none').intent).toBe('opt_in');
  });

  it('an auto-reply is never a yes, and only a no to a live offer', () => {
    expect(read('Jeg er bortreist til 10. februar', 'offer').intent).toBe('decline');
    expect(read('Jeg er bortreist til 10. februar', 'accepted').intent).toBe('unclear');
  });

  it('reads the other languages the same way, whatever the volunteer language', () => {
    expect(read('Так, можу', 'offer', 'uk').intent).toBe('accept');
    expect(read('للأسف مشغول', 'offer', 'nb').intent).toBe('decline');
    expect(read('Niestety nie mogę', 'offer', 'nb').intent).toBe('decline');
    expect(read('Haa waan imaan', 'offer', 'so').intent).toBe('accept');
    expect(read('Yes please! Do I need to bring bags?', 'offer', 'nb').intent).toBe('accept_with_question');
    // «da» is «then» to a Norwegian and «yes» in Ukrainian: not a yes from a Norwegian.
    expect(read('Da tar vi det', 'offer', 'nb').intent).toBe('unclear');
  });

  it('names the words that decided', () => {
    expect(read('ja hvis jeg får skyss').evidence).toEqual(expect.arrayContaining(['yes:«ja»', 'condition:«hvis»']));
  });
});
