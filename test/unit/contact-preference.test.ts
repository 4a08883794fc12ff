import { checkReachability, parseContactPreference } from '../../src/domain/contact-preference';
import { checkVolunteerIdentity } from '../../src/domain/volunteer';
import { checkVolunteerForm } from '../../src/domain/volunteer-form';

describe('parseContactPreference', () => {
  it.each([
    ['', 'sms'], ['  ', 'sms'], ['sms', 'sms'], ['SMS', 'sms'], ['call', 'call'], ['Ring', 'call'], ['ring meg', 'call'],
    ['Telefon', 'call'], ['sms_then_call', 'sms_then_call'], ['SMS, så ring', 'sms_then_call'], ['sms og ring', 'sms_then_call'],
    ['SMS then call', 'sms_then_call'], ['fax', undefined], ['brev', undefined],
  ])('%j is %s', (text, expected) => {
    expect(parseContactPreference(text)).toBe(expected);
  });
});

describe('checkReachability', () => {
  it.each([
    ['mobile', 'sms', undefined], ['mobile', 'call', undefined], ['mobile', 'sms_then_call', undefined],
    ['fixed_line', 'call', undefined], ['fixed_line', 'sms', 'landline_needs_call'], ['fixed_line', 'sms_then_call', 'landline_needs_call'],
    ['other', 'call', 'not_mobile'], ['other', 'sms', 'not_mobile'],
  ] as const)('a %s number with %s: %s', (type, preference, problem) => {
    expect(checkReachability(type, preference)).toBe(problem);
  });
});

describe('a volunteer with a landline', () => {
  it('is accepted when offers come by call, stored in E.164', () => {
    expect(checkVolunteerIdentity({ name: 'Per', phone: '22 12 34 56', contactPreference: 'call' }))
      .toEqual({ ok: true, name: 'Per', phone: '+4722123456', language: 'nb', contactPreference: 'call' });
  });

  it.each(['sms', 'sms_then_call', ''])('is refused with %j, naming the phone field', (contactPreference) => {
    expect(checkVolunteerIdentity({ name: 'Per', phone: '22 12 34 56', contactPreference }))
      .toEqual({ ok: false, problems: [{ field: 'phone', code: 'landline_needs_call' }] });
  });

  it('an unknown preference is named as such', () => {
    expect(checkVolunteerIdentity({ name: 'Per', phone: '41234567', contactPreference: 'fax' }))
      .toEqual({ ok: false, problems: [{ field: 'contactPreference', code: 'invalid_contact_preference' }] });
  });

  it('the form reads the words of the CSV export («Ring»)', () => {
    const form = {
      name: 'Per', phone: '22 12 34 56', language: 'nb', contactPreference: 'Ring', taskTypes: ['escort'], areas: '', notes: '',
      agreementSignedOn: '', confidentialitySignedOn: '', policeCertificateOn: '', trainingOn: '', pausedUntil: '', availability: '', maxTasksPerWeek: '',
    };
    const checked = checkVolunteerForm(form);
    expect(checked.ok && checked.volunteer.contactPreference).toBe('call');
    expect(checkVolunteerForm({ ...form, contactPreference: undefined })).toEqual({ ok: false, errors: { phone: 'landline_needs_call' } });
  });
});
