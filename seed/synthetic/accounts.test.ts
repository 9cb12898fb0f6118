import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { checkRegistration } from '../../server/domain/identity/index.ts';
import { vietnamTime } from '../../server/domain/calendar/index.ts';
import { ACCOUNT_CAPACITY, AccountTimeline, UNVERIFIED_EVERY, citizenIdentity } from './accounts.ts';
import { Rng } from './prng.ts';

test('R-5.5 synthetic identities pass registration unchanged (CCCD structure, Vietnamese mobile in E.164, e-mail)', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: ACCOUNT_CAPACITY - 1 }), fc.nat(), (n, seed) => {
      const id = citizenIdentity(n, seed, new Rng(seed ^ n));
      const checked = checkRegistration({ ...id, password: 'ihanoi-synthetic', organisation: id.organisation ?? undefined }, '2026-11-29');
      assert.ok(checked.ok, JSON.stringify([id, checked]));
      assert.deepEqual([checked.value.cccd, checked.value.phone, checked.value.email, checked.value.fullName], [id.cccd, id.phone, id.email, id.fullName]);
    }),
    { numRuns: 300 },
  );
});

test('R-26.3 no two synthetic accounts share a CCCD, a phone or an e-mail', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: ACCOUNT_CAPACITY - 20_000 }), fc.nat(), (start, seed) => {
      const seen = { cccd: new Set<string>(), phone: new Set<string>(), email: new Set<string>() };
      for (let n = start; n < start + 20_000; n++) {
        const id = citizenIdentity(n, seed, new Rng(n));
        seen.cccd.add(id.cccd);
        seen.phone.add(id.phone);
        seen.email.add(id.email);
      }
      assert.deepEqual([seen.cccd.size, seen.phone.size, seen.email.size], [20_000, 20_000, 20_000]);
    }),
    { numRuns: 3 },
  );
});

test('R-3.9 a report comes from a verified account opened at least an hour before it', () => {
  const from = vietnamTime(2025, 1, 1);
  const until = vietnamTime(2026, 11, 1);
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 5_000 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.nat(), (count, at, seed) => {
      const timeline = new AccountTimeline(from, until, count);
      const t = new Date(from.getTime() + at * (until.getTime() - from.getTime()));
      const k = timeline.reporterAt(t, new Rng(seed));
      assert.ok(k >= 0 && k < count);
      assert.notEqual(k % UNVERIFIED_EVERY, UNVERIFIED_EVERY - 1, 'verified');
      assert.ok(timeline.createdAt(k).getTime() <= t.getTime() - 3_600_000, 'opened an hour before');
    }),
  );
  const timeline = new AccountTimeline(from, until, 1_000);
  for (let k = 1; k < 1_000; k++) assert.ok(timeline.createdAt(k - 1) <= timeline.createdAt(k), 'accounts are opened in order');
});
