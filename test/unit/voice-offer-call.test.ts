import { DateTime } from 'luxon';
import { callStatusMovesForward, isFinalCallStatus, isMachineAnswer } from '../../src/domain/voice/call-status';
import { decideOfferKey, offerMenuScript, goodbyeScript } from '../../src/domain/voice/offer-call';
import { voiceFor } from '../../src/domain/voice/voice-language';
import { renderTwiml } from '../../src/voice/twiml';

const task = {
  taskId: '7', type: 'escort' as const, startsAt: DateTime.fromISO('2026-12-04T14:30', { zone: 'Europe/Oslo' }),
  durationMinutes: 90, area: 'Lørenskog', summary: 'Følge til legen.',
};

describe('decideOfferKey', () => {
  it.each([
    ['1', { step: 1, silences: 0 }, { kind: 'accept' }],
    ['2', { step: 3, silences: 1 }, { kind: 'decline' }],
    ['0', { step: 1, silences: 1 }, { kind: 'ask_again', next: { step: 2, silences: 1 }, unknownKey: false }],
    ['5', { step: 1, silences: 0 }, { kind: 'ask_again', next: { step: 2, silences: 0 }, unknownKey: true }],
    [undefined, { step: 1, silences: 0 }, { kind: 'ask_again', next: { step: 2, silences: 1 }, unknownKey: false }],
    ['', { step: 2, silences: 1 }, { kind: 'give_up' }],
  ] as const)('%j at %j', (digits, turn, expected) => {
    expect(decideOfferKey(digits, turn)).toEqual(expected);
  });
});

describe('call status', () => {
  it('only moves forward, and an ended call stays ended', () => {
    expect(callStatusMovesForward('placing', 'ringing')).toBe(true);
    expect(callStatusMovesForward('in-progress', 'ringing')).toBe(false);
    expect(callStatusMovesForward('completed', 'no-answer')).toBe(false);
    expect(callStatusMovesForward('ringing', 'no-answer')).toBe(true);
    expect(isFinalCallStatus('busy')).toBe(true);
    expect(isFinalCallStatus('ringing')).toBe(false);
  });

  it('tells machines from people', () => {
    expect(['machine_start', 'machine_end_beep', 'fax'].map(isMachineAnswer)).toEqual([true, true, true]);
    expect(['human', 'unknown', null].map(isMachineAnswer)).toEqual([false, false, false]);
  });
});

describe('the offer call script', () => {
  it('reads the offer in Norwegian, slowly, in one Gather; never the details', () => {
    const { texts, voice } = voiceFor('nb', {});
    const xml = renderTwiml(offerMenuScript({ texts, voice, firstName: 'Kari', centreName: 'Frivilligsentralen', task }, '/webhooks/twilio/voice/call?c=1&s=1&q=0'));
    expect(xml).toBe('<?xml version="1.0" encoding="UTF-8"?><Response>'
      + '<Gather input="dtmf" numDigits="1" timeout="7" action="/webhooks/twilio/voice/call?c=1&amp;s=1&amp;q=0" method="POST" actionOnEmptyResult="true">'
      + '<Say language="nb-NO" voice="Polly.Ida-Neural"><prosody rate="90%">Hei Kari, dette er Frivilligsentralen. Kan du følge en person til legen fredag 4. desember klokken 14.30, i Lørenskog? Følge til legen.</prosody></Say>'
      + '<Say language="nb-NO" voice="Polly.Ida-Neural"><prosody rate="90%">Trykk 1 for ja, 2 for nei, 0 for å høre igjen.</prosody></Say>'
      + '</Gather></Response>');
  });

  it('VOICE_NB overrides the voice; English has its own; a language without voice texts is called in Norwegian', () => {
    expect(voiceFor('nb', { nb: 'Polly.Liv' }).voice).toBe('Polly.Liv');
    expect(voiceFor('en', { nb: 'Polly.Liv' })).toMatchObject({ voice: 'Polly.Amy-Neural', texts: { sayLanguage: 'en-GB' } });
    expect(voiceFor('so', { nb: 'Polly.Liv' })).toMatchObject({ voice: 'Polly.Liv', texts: { sayLanguage: 'nb-NO' } });
  });

  it('a goodbye says its sentence and hangs up', () => {
    const { texts, voice } = voiceFor('en', {});
    expect(renderTwiml(goodbyeScript({ texts, voice }, texts.taken()))).toContain('Someone else has already taken the task. Goodbye!</prosody></Say><Hangup/></Response>');
  });
});

describe('voice texts in Polish, Ukrainian and Arabic (issue 15)', () => {
  it('each has its own Twilio voice; Somali has none and is called in Norwegian', () => {
    expect(voiceFor('pl', {})).toMatchObject({ voice: 'Polly.Ola-Neural', texts: { sayLanguage: 'pl-PL' } });
    expect(voiceFor('uk', {})).toMatchObject({ voice: 'Google.uk-UA-Wavenet-A', texts: { sayLanguage: 'uk-UA' } });
    expect(voiceFor('ar', {})).toMatchObject({ voice: 'Polly.Hala-Neural', texts: { sayLanguage: 'ar-AE' } });
    expect(voiceFor('so', {})).toMatchObject({ voice: 'Polly.Ida-Neural', texts: { sayLanguage: 'nb-NO' } });
    // VOICE_NB is for Norwegian only.
    expect(voiceFor('pl', { nb: 'Polly.Liv' }).voice).toBe('Polly.Ola-Neural');
  });

  it('read the offer with the weekday in the right case, and keys', () => {
    const offer = (code: string) => voiceFor(code, {}).texts.offer({ firstName: 'Kari', centreName: 'Frivilligsentralen', task });
    expect(offer('pl')).toBe('Dzień dobry, Kari, tu Frivilligsentralen. Czy możesz towarzyszyć komuś w wizycie u lekarza w piątek 4 grudnia o 14:30, w rejonie Lørenskog?');
    expect(offer('uk')).toBe('Добрий день, Kari! Це Frivilligsentralen. Чи можете ви супроводити людину до лікаря у пʼятницю 4 грудня о 14:30, у районі Lørenskog?');
    expect(offer('ar')).toBe('مرحبا Kari، نتصل بك من Frivilligsentralen. هل يمكنك مرافقة شخص إلى الطبيب يوم الجمعة 4 ديسمبر الساعة 14:30، في منطقة Lørenskog؟');
    expect(voiceFor('pl', {}).texts.keys()).toBe('Naciśnij 1, jeśli tak, 2, jeśli nie, albo 0, aby usłyszeć to jeszcze raz.');
    // Every weekday has its spoken form (no «undefined» on a Wednesday or Sunday).
    for (let day = 0; day < 7; day++) {
      for (const code of ['pl', 'uk', 'ar']) {
        const text = voiceFor(code, {}).texts.offer({ firstName: 'Kari', centreName: 'F', task: { ...task, startsAt: task.startsAt.plus({ days: day }) } });
        expect(text).not.toMatch(/undefined|\bnull\b/);
      }
    }
    expect(voiceFor('pl', {}).texts.offer({ firstName: 'K', centreName: 'F', task: { ...task, startsAt: task.startsAt.plus({ days: 5 }) } })).toContain('w środę 9 grudnia');
    expect(voiceFor('uk', {}).texts.offer({ firstName: 'K', centreName: 'F', task: { ...task, startsAt: task.startsAt.plus({ days: 1 }) } })).toContain('у суботу 5 грудня');
  });

  it('never say the summary or the details before a yes, nor on a machine or the task menu', () => {
    const secret = { ...task, summary: 'Følge Per Olsen til dr. Berg.' };
    for (const code of ['pl', 'uk', 'ar']) {
      const { texts } = voiceFor(code, {});
      const said = [
        texts.offer({ firstName: 'Kari', centreName: 'F', task: secret }),
        texts.machineMessage({ centreName: 'F', centrePhone: '67 93 40 00', bySms: true }),
        texts.taskAhead({ firstName: 'Kari', centreName: 'F', task: secret }),
        texts.noAnswerGoodbye({ centrePhone: '67 93 40 00' }),
      ].join(' ');
      expect([code, said]).not.toEqual([code, expect.stringMatching(/Per Olsen|dr\. Berg|Kirkeveien/)]);
      // After a yes: when, where and the details, as the Norwegian call.
      expect(texts.accepted({ task: secret, details: 'Kirkeveien 12.', bySms: false })).toContain('Kirkeveien 12.');
    }
  });
});
