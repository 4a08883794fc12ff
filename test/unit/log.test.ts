import { Writable } from 'node:stream';
import { createLogger, scrubPhoneNumbers } from '../../src/log';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(JSON.parse(chunk.toString()));
      done();
    },
  });
  return { log: createLogger('info', stream), lines };
}

describe('logs redact people', () => {
  it('masks phone numbers and removes bodies, at the top level and one level deep', () => {
    const { log, lines } = capture();
    log.info({ phone: '+4741234567', body: 'Ja, jeg kan', sms: { to: '+4798765432', body: 'Olga Hansen, Storgata 5' }, taskId: '7' }, 'x');
    const line = JSON.stringify(lines[0]);
    expect(line).not.toMatch(/41234567|98765432|Ja, jeg kan|Olga|Storgata/);
    expect(lines[0]).toMatchObject({ phone: '+47******67', body: '[redacted]', sms: { to: '+47******32', body: '[redacted]' }, taskId: '7' });
  });

  it('scrubs numbers quoted inside error messages', () => {
    const { log, lines } = capture();
    const err = Object.assign(new Error('duplicate key'), { detail: 'Key (phone)=(+4741234567) already exists.' });
    log.error({ err }, 'insert failed');
    expect(JSON.stringify(lines[0])).not.toContain('41234567');
    expect(scrubPhoneNumbers('call 412 34 567 now')).not.toContain('412 34 567');
  });
});
