/**
 * The fake Twilio alone in a process (for bench/twilio-client.bench.ts): prints its URL and
 * credentials as one JSON line, then serves until killed, so its work is not counted as the client's.
 */
import { FakeTwilio } from '../test/support/fake-twilio';

void FakeTwilio.start().then((fake) => {
  console.log(JSON.stringify({ url: fake.url, accountSid: fake.accountSid, authToken: fake.authToken }));
});
