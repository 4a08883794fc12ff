import { eventually, startHarness, type Harness } from '../support/harness';
import { createTask, createVolunteers, dispatch, getTask, waitForOpenOffers, waitForQuiet } from '../support/flows';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

async function scrape(): Promise<string> {
  const res = await fetch(`${h.baseUrl}/metrics`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
  return res.text();
}

describe('/metrics', () => {
  it('reports SMS and offers by outcome, time to fill, queue depths and webhook latency', async () => {
    const [ana, ben] = await createVolunteers(h, 2);
    const task = await createTask(h, { waveSize: 2 });
    await dispatch(h, task.id);
    await waitForOpenOffers(h, task.id, 2);
    await h.sms(ana!.phone, 'JA');
    await h.sms(ben!.phone, 'hva?');
    await eventually(async () => ((await getTask(h, task.id)).status === 'assigned' ? true : undefined));
    await waitForQuiet(h);

    const text = await scrape();
    expect(text).toContain('svarja_offers{status="accepted"} 1');
    expect(text).toContain('svarja_offers{status="withdrawn"} 1');
    expect(text).toMatch(/svarja_sms_messages\{direction="inbound",status="processed"\} 2/);
    expect(text).toMatch(/svarja_sms_messages\{direction="outbound",status="sent"\} [4-9]/);
    expect(text).toMatch(/svarja_time_to_fill_seconds\{quantile="0.5"\} \d/);
    expect(text).toMatch(/svarja_queue_jobs\{queue="sms",state="waiting"\} 0/);
    expect(text).toContain('svarja_webhook_duration_seconds_count{route="sms",status="200"} 2');
    // No personal data in metrics.
    expect(text).not.toContain(ana!.phone);
  });
});
