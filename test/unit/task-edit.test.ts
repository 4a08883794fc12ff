import { unfitReasons } from '../../src/domain/fitness';
import { isHeldInQuietHours } from '../../src/domain/quiet-hours';
import { smsPurpose } from '../../src/domain/sms-purpose';
import { changedFields, fitnessMayChange, offerTextChanged, volunteersMustHear, type EditableFacts } from '../../src/domain/task-edit';

const base: EditableFacts = {
  type: 'escort', startsAt: new Date('2026-12-03T09:00:00Z'), durationMinutes: 90, area: 'Lørenskog sentrum', summary: 'Følge til legen.',
  details: 'Per Olsen, Kirkeveien 12.', requirements: ['confidentiality', 'training'], personRef: null, fillBy: null, waveSize: 3, offerTimeoutMinutes: 30,
};

describe('what an edit changed', () => {
  it('compares dates by instant, requirements as a set and an empty reference as none', () => {
    expect(changedFields(base, { ...base, startsAt: new Date(base.startsAt.getTime()), requirements: ['training', 'confidentiality'], personRef: '' })).toEqual([]);
  });

  it('lists every changed field in the page’s order', () => {
    expect(changedFields(base, { ...base, summary: 'Ny.', area: 'Fjellhamar', startsAt: new Date('2026-12-04T11:00:00Z'), fillBy: new Date('2026-12-04T08:00:00Z') }))
      .toEqual(['startsAt', 'area', 'summary', 'fillBy']);
  });

  it.each([
    [['startsAt'], true, true, true],
    [['durationMinutes'], true, true, true],
    [['area'], true, true, true],
    [['type'], false, true, true],
    [['summary'], false, true, false],
    [['details'], false, false, false],
    [['requirements'], false, false, true],
    [['personRef', 'fillBy', 'waveSize', 'offerTimeoutMinutes'], false, false, false],
  ] as const)('%j: volunteers hear %s, offer text %s, fitness %s', (fields, hear, text, fitness) => {
    expect(volunteersMustHear(fields)).toBe(hear);
    expect(offerTextChanged(fields)).toBe(text);
    expect(fitnessMayChange(fields)).toBe(fitness);
  });
});

describe('fitness, not the queue', () => {
  it('leaves out waiting on another offer and having been asked, keeps everything about the person', () => {
    expect(unfitReasons([{ code: 'open_offer' }, { code: 'already_offered' }])).toEqual([]);
    expect(unfitReasons([{ code: 'open_offer' }, { code: 'wrong_task_type', taskType: 'shopping' }, { code: 'not_available_weekday', weekday: 5 }]))
      .toEqual([{ code: 'wrong_task_type', taskType: 'shopping' }, { code: 'not_available_weekday', weekday: 5 }]);
  });
});

describe('quiet hours for the notices an edit sends', () => {
  it('the one who has the task hears of a change, or of being taken off, at once; someone only offered it, with the offers', () => {
    expect(isHeldInQuietHours(smsPurpose('task_changed'))).toBe(false);
    expect(isHeldInQuietHours(smsPurpose('unassigned'))).toBe(false);
    expect(isHeldInQuietHours(smsPurpose('offer_changed'))).toBe(true);
  });
});
