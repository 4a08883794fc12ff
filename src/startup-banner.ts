import { DateTime } from 'luxon';
import type { Config } from './config';
import { isQuiet, nextSendableAt } from './domain/quiet-hours';
import { OSLO_ZONE } from './domain/oslo-time';
import type { DemoSeedResult } from './services/seed-demo-data';

/**
 * What the console says once the service listens: where to click, and (first start only) the demo
 * login, which is never written to the JSON log. Plain text for a developer's terminal.
 */
export function startupBanner(config: Config, demo: DemoSeedResult, now: Date = new Date()): string {
  const base = config.publicBaseUrl;
  const lines = ['', `Svarja is running on ${base}`];
  if (config.database.kind === 'embedded') lines.push(`  database: embedded PostgreSQL (PGlite) in ${config.database.dir}`);
  if (demo.seeded) {
    lines.push(
      '',
      'First start: demo data was created (a unit, a coordinator, ' + `${demo.volunteers} volunteers and a task).`,
      `  Log in at ${base}/login`,
      `    e-mail:   ${demo.email}`,
      `    password: ${demo.password}    (shown only now; write it down)`,
      `  1. Open ${base}/admin/tasks/${demo.taskId} and press «Send ut».`,
    );
    if (config.smsTransport === 'simulator') {
      lines.push(`  2. Open ${base}/simulator: the volunteers' phones show the offer. Answer JA on one of them.`);
    }
  } else {
    lines.push(`  Admin page: ${base}/admin`);
    if (config.smsTransport === 'simulator') lines.push(`  Phone simulator: ${base}/simulator (no SMS leaves this machine)`);
  }
  if (isQuiet(config.quietHours, now)) {
    lines.push('', `It is quiet hours now (QUIET_HOURS): offers wait until ${formatOslo(nextSendableAt(config.quietHours, now))}.`,
      '  To try it out at night, start with QUIET_HOURS=off.');
  }
  if (config.apiTokenGenerated) lines.push('', 'API_TOKEN was not set; this run\'s token is:', `  ${config.apiToken}`);
  lines.push('');
  return lines.join('\n');
}

function formatOslo(at: Date): string {
  return DateTime.fromJSDate(at, { zone: OSLO_ZONE }).toFormat('HH:mm');
}
