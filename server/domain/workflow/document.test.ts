import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { renderWorkflows } from './document.ts';
import { WORKFLOWS } from './index.ts';

test('docs/workflows.md is what the tables generate (run `npm run docs:workflows` after changing a table)', () => {
  const doc = readFileSync(new URL('../../../docs/workflows.md', import.meta.url), 'utf8');
  assert.equal(doc, renderWorkflows(Object.values(WORKFLOWS)));
  assert.match(doc, /\| resultDrafted \| \*\*approve\*\*/);
});
