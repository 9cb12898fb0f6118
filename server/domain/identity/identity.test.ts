import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkCccd, checkRegistration, maskPhone, normaliseEmail, normalisePhone } from './index.ts';

test('R-5.5 a CCCD is 12 digits with a province code and a birth year that agree', () => {
  assert.deepEqual(checkCccd('001090004319', 2026), { ok: true, value: '001090004319', info: { provinceCode: '001', birthYear: 1990, sex: 'male' } });
  assert.equal(checkCccd('001 185 863 931', 2026).ok, true, 'spaces are ignored');
  const female2001 = checkCccd('001301000000', 2026);
  assert.ok(female2001.ok && female2001.info.birthYear === 2001 && female2001.info.sex === 'female');
  assert.deepEqual(checkCccd('00109000431', 2026), { ok: false, problem: 'format' });
  assert.deepEqual(checkCccd('00109000431a', 2026), { ok: false, problem: 'format' });
  assert.deepEqual(checkCccd('003090004319', 2026), { ok: false, problem: 'province' }, '003 is no province');
  assert.deepEqual(checkCccd('001299004319', 2026), { ok: false, problem: 'birthYear' }, 'born in 2099');
  assert.deepEqual(checkCccd('001090004319', 2026, '1991-03-14'), { ok: false, problem: 'birthYear' });
});

test('R-5.5 phones are Vietnamese numbers normalised to E.164', () => {
  assert.equal(normalisePhone('0912 345 678'), '+84912345678');
  assert.equal(normalisePhone('+84912345678'), '+84912345678');
  assert.equal(normalisePhone('84912345678'), '+84912345678');
  assert.equal(normalisePhone('024 3825 3536'), '+842438253536', 'Hà Nội fixed line');
  assert.equal(normalisePhone('0123456789'), null, 'old 11-digit prefix 012x no longer exists');
  assert.equal(normalisePhone('091234567'), null, 'too short');
  assert.equal(normalisePhone('1900 1234'), null, 'premium-rate is not a personal phone');
  assert.equal(normalisePhone('+14155552671'), null, 'foreign number');
  assert.equal(maskPhone('+84912345678'), '+84 91* *** 678');
});

test('R-5.5 e-mails are trimmed, lower-cased and checked', () => {
  assert.equal(normaliseEmail('  An.Nguyen@Example.VN '), 'an.nguyen@example.vn');
  assert.equal(normaliseEmail('not-an-email'), null);
  assert.equal(normaliseEmail('a@b'), null);
});

test('R-5.5 registration lists every problem at once, naming each field', () => {
  const r = checkRegistration(
    { kind: 'organisation', fullName: ' ', dateOfBirth: '2030-01-01', cccd: '12', phone: '123', email: 'x', password: 'short' },
    '2026-11-28',
  );
  assert.equal(r.ok, false);
  const fields = r.ok ? [] : r.problems.map((p) => p.field).sort();
  assert.deepEqual(fields, ['body.cccd', 'body.dateOfBirth', 'body.email', 'body.fullName', 'body.organisation', 'body.password', 'body.phone']);
  const ok = checkRegistration(
    { kind: 'individual', fullName: '  Nguyễn   Văn An ', dateOfBirth: '1990-03-14', cccd: '001090004319', phone: '0912345678', email: 'An@Example.vn', password: 'mat-khau-du-dai' },
    '2026-11-28',
  );
  assert.ok(ok.ok);
  assert.equal(ok.ok && ok.value.fullName, 'Nguyễn Văn An');
  assert.equal(ok.ok && ok.value.phone, '+84912345678');
});
