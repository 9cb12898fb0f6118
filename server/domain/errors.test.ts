import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { ERRORS } from './errors.ts';

test('docs/errors.md lists every error code with its status and wording, and nothing else', () => {
  const doc = readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8');
  const documented = [...doc.matchAll(/^`([A-Z_]+)` — HTTP (\d{3})$/gm)].map((m) => [m[1], Number(m[2])]);
  assert.deepEqual(documented, Object.entries(ERRORS).map(([code, e]) => [code, e.status]));
  for (const [code, e] of Object.entries(ERRORS)) {
    assert.ok(doc.includes(`## ${code.toLowerCase().replace(/_/g, '-')}\n`), `${code} has the anchor its problem type points at`);
    assert.ok(doc.includes(`- vi: ${e.vi}`) && doc.includes(`- en: ${e.en}`), `${code} wording`);
  }
});
