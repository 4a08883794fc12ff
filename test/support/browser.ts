import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { findOrCreateUnit } from '../../src/db/coordinator.repo';
import { createCoordinator } from '../../src/services/create-coordinator';
import type { Harness } from './harness';

/** Where tests save screenshots (CI keeps them as artifacts). */
export const SCREENSHOT_DIR = path.resolve(__dirname, '..', '..', 'test-artifacts', 'screenshots');

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Debian's Chromium, headless; flags keep it off the network this machine does not have. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

export interface Account { email: string; password: string; id: string; unitId: string | null }

/** Creates a coordinator (or admin) directly through the service, as `create-admin` would. */
export async function createAccount(h: Harness, opts: { email: string; name?: string; role?: 'admin' | 'coordinator'; unit?: string; password?: string }): Promise<Account> {
  const unit = await findOrCreateUnit(h.deps.db, opts.unit ?? 'Frivilligsentralen');
  const password = opts.password ?? 'riktig-passord-123';
  const result = await createCoordinator(h.deps.ctx, 'cli', { email: opts.email, name: opts.name ?? opts.email.split('@')[0]!, password, role: opts.role ?? 'coordinator', unitId: unit.id });
  if (!result.ok) throw new Error(`account not created: ${result.message}`);
  return { email: opts.email, password, id: result.coordinator.id, unitId: unit.id };
}

export async function logIn(page: Page, h: Harness, account: { email: string; password: string }): Promise<void> {
  await page.goto(`${h.baseUrl}/login`);
  await page.getByLabel('E-post').fill(account.email);
  await page.getByLabel('Passord').fill(account.password);
  const started = Date.now();
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/login') && r.request().method() === 'POST', { timeout: 30_000 }),
    page.getByRole('button', { name: 'Logg inn' }).click(),
  ]);
  if (response.status() !== 303) throw new Error(`login answered ${response.status()} after ${Date.now() - started} ms: ${(await response.text()).slice(0, 300)}`);
  await page.waitForURL(/\/admin/).catch((err: unknown) => {
    throw new Error(`after login (303 in ${Date.now() - started} ms) the browser is at ${page.url()}: ${String(err)}`);
  });
}
