import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadTextLists } from '../../../app/integrity/text-lists.ts';
import { parseTextLists, TextListsError, type TextLists } from './lists.ts';
import { words } from './tokens.ts';

test('R-6.2e the shipped word lists load and validate', () => {
  const lists = loadTextLists();
  assert.ok(lists.abusive.groups.length > 0);
  assert.ok(lists.outOfScope.channels.some((c) => c.id === 'complaint'));
  assert.equal(loadTextLists(), lists, 'read once');
});

test('R-5.2 every listed term has words, and no term is listed twice in a list', () => {
  const lists = loadTextLists();
  const cueLists = [lists.advertising, lists.abusive, lists.urgent, ...lists.outOfScope.channels];
  for (const l of cueLists) {
    const all = [...l.groups.flatMap((g) => g.terms), ...(l.except ?? []), ...(l.dampen?.terms ?? [])];
    for (const t of all) assert.ok(words(typeof t === 'string' ? t : t.term).length > 0, JSON.stringify(t));
    const keys = l.groups.flatMap((g) => g.terms.map((t) => words(typeof t === 'string' ? t : t.term).map((w) => w.a).join(' ')));
    const dup = keys.filter((k, i) => keys.indexOf(k) !== i);
    assert.deepEqual(dup, [], `listed twice (same words once normalised) in ${l.about?.slice(0, 40) ?? ''}`);
  }
});

test('R-5.2 a broken list is refused with every problem named', () => {
  const good = loadTextLists();
  const broken = {
    ...good,
    abusive: { bias: 'x', groups: [{ name: '', weight: 1, terms: ['ok', '', 'ok', { term: 'x', accentedTextOnly: 'yes' }] }], extra: 1 },
    vietnamese: { words: 'ko' },
  } as unknown as Record<keyof TextLists, unknown>;
  assert.throws(
    () => parseTextLists(broken),
    (e: unknown) => {
      assert.ok(e instanceof TextListsError);
      const text = e.problems.join('\n');
      for (const expected of ['bias', 'name', 'terms[1]', '"ok" is listed twice', 'accentedTextOnly', 'unknown field "extra"', 'words', 'foreignWords']) {
        assert.ok(text.includes(expected), `${expected} in\n${text}`);
      }
      return true;
    },
  );
});
