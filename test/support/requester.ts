import { eventually, type Harness } from './harness';
import { uniqueMobile } from './factories';
import { outboundMessages } from './flows';

/** A nursing home registered as a requester of the unit «Frivilligsentralen», as the issue-11 tests start. */
export async function registerHome(h: Harness, opts: { name?: string } = {}): Promise<{ home: string; unitId: string }> {
  const unit = await h.deps.db.insertInto('unit').values({ name: 'Frivilligsentralen' }).returning('id').executeTakeFirstOrThrow();
  const home = uniqueMobile();
  const res = await h.api('POST', '/api/requesters', { name: opts.name ?? 'Solbakken sykehjem', unitId: unit.id, phones: [home] });
  if (res.status !== 201) throw new Error(`requester not created: ${res.status} ${JSON.stringify(res.body)}`);
  return { home, unitId: unit.id };
}

/** The body of SMS number `count` of this kind sent to `to`, once it is there. */
export async function smsTo(h: Harness, to: string, kind: string, count = 1): Promise<string> {
  const found = await eventually(async () => {
    const list = await outboundMessages(h, { to, kind });
    return list.length >= count ? list[count - 1] : undefined;
  }, 20_000, `${kind} #${count} to ${to}`);
  return found.body;
}
