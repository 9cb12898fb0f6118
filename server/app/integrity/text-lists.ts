/**
 * The word lists of the text checks (data/integrity/text-*.json), read and validated once per process. A list
 * an administrator broke stops the start with every problem named (TextListsError).
 */
import { readFileSync } from 'node:fs';
import { parseTextLists, TEXT_LIST_FILES, type TextLists } from '../../domain/integrity/text/index.ts';
import { PROJECT_ROOT_URL } from '../../paths.ts';

const DATA_DIR = new URL('data/integrity/', PROJECT_ROOT_URL);
let cached: TextLists | undefined;

/** Reads the lists from `dir` (default data/integrity/); the default folder is read only once. */
export function loadTextLists(dir?: URL): TextLists {
  if (!dir && cached) return cached;
  const from = dir ?? DATA_DIR;
  const raw = Object.fromEntries(
    Object.entries(TEXT_LIST_FILES).map(([key, file]) => [key, JSON.parse(readFileSync(new URL(file, from), 'utf8')) as unknown]),
  ) as Record<keyof TextLists, unknown>;
  const lists = parseTextLists(raw);
  if (!dir) cached = lists;
  return lists;
}
