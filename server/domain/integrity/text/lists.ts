/**
 * The word lists of the text checks, as administrators maintain them in data/integrity/text-*.json (see the
 * README there). This module only describes and validates them; reading the files is server/app's job.
 *
 * Every check is a small additive model: a starting `bias`, plus for each group of cues its `weight` times the
 * number of its different terms found (at most `max`); the confidence is the logistic of the sum, and a finding
 * is produced when it reaches 0.5. `except` phrases hide the words they cover ("bóng đèn bị cháy" is not a
 * fire); a term with a `dampen` word up to `window` words before it counts only `factor` of its weight
 * ("nguy cơ cháy nổ", "không khiếu nại").
 */
import { accentKey } from '../../units/names.ts';

/** A term: a word or phrase, or one that must match only in texts written with diacritics. */
export type Term = string | { term: string; accentedTextOnly?: boolean; note?: string };

export interface CueGroup {
  name: string;
  weight: number;
  /** how many different terms of the group count (default 1) */
  max?: number;
  terms: Term[];
}

export interface Dampen {
  window: number;
  factor: number;
  terms: Term[];
}

export interface CueList {
  about?: string;
  bias: number;
  groups: CueGroup[];
  except?: Term[];
  dampen?: Dampen;
}

export interface AdvertisingList extends CueList {
  /** weights of the signals found without a word list */
  signals: { phone: number; url: number; handle: number; price: number; discount: number };
  /** domains that are not advertising (government sites, iHanoi itself); a suffix match */
  ignoredDomains: string[];
}

export interface OutOfScopeChannel extends CueList {
  /** 'complaint', 'denunciation', … (evidence) */
  id: string;
  /** what the submission looks like, for the officer ("khiếu nại") */
  label: string;
  /** the law that governs it and the proper channel, for the officer's reply */
  law: string;
  channel: string;
}

export interface OutOfScopeList {
  about?: string;
  channels: OutOfScopeChannel[];
}

export interface VietnameseList {
  about?: string;
  /** Vietnamese words that are not regular syllables: abbreviations and teencode ("ko", "dc", "sdt") */
  words: string[];
  /** foreign function words that happen to be valid Vietnamese syllables when stripped ("the", "to", "on") */
  foreignWords: string[];
}

export interface TextLists {
  advertising: AdvertisingList;
  abusive: CueList;
  outOfScope: OutOfScopeList;
  urgent: CueList;
  vietnamese: VietnameseList;
}

/** The file each list lives in, under data/integrity/. */
export const TEXT_LIST_FILES: Record<keyof TextLists, string> = {
  advertising: 'text-advertising.json',
  abusive: 'text-abusive.json',
  outOfScope: 'text-out-of-scope.json',
  urgent: 'text-urgent.json',
  vietnamese: 'text-vietnamese.json',
};

export class TextListsError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid text lists:\n- ${problems.join('\n- ')}`);
  }
}

type Problems = string[];

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function checkNumber(v: unknown, where: string, p: Problems): void {
  if (typeof v !== 'number' || !Number.isFinite(v)) p.push(`${where}: a number is expected`);
}

function checkStrings(v: unknown, where: string, p: Problems): void {
  if (!Array.isArray(v)) return void p.push(`${where}: a list of strings is expected`);
  v.forEach((s, i) => {
    if (typeof s !== 'string' || s.trim() === '') p.push(`${where}[${i}]: a non-empty string is expected`);
  });
}

function checkTerms(v: unknown, where: string, p: Problems): void {
  if (!Array.isArray(v)) return void p.push(`${where}: a list of terms is expected`);
  const seen = new Set<string>();
  v.forEach((t, i) => {
    const text = typeof t === 'string' ? t : isObject(t) ? t.term : undefined;
    if (typeof text !== 'string' || !/[\p{L}\p{N}]/u.test(text)) return void p.push(`${where}[${i}]: a term with letters or digits is expected`);
    if (isObject(t)) {
      if (t.accentedTextOnly !== undefined && typeof t.accentedTextOnly !== 'boolean') p.push(`${where}[${i}].accentedTextOnly: true or false`);
      for (const k of Object.keys(t)) if (!['term', 'accentedTextOnly', 'note'].includes(k)) p.push(`${where}[${i}]: unknown field "${k}"`);
    }
    // The same words once case, Unicode form and tone placement are set aside ("hỏa hoạn" = "hoả hoạn").
    const key = accentKey(text);
    if (seen.has(key)) p.push(`${where}[${i}]: "${text}" is listed twice`);
    seen.add(key);
  });
}

function checkCueList(v: unknown, where: string, p: Problems, extra: string[] = []): void {
  if (!isObject(v)) return void p.push(`${where}: an object is expected`);
  const known = ['about', 'bias', 'groups', 'except', 'dampen', ...extra];
  for (const k of Object.keys(v)) if (!known.includes(k)) p.push(`${where}: unknown field "${k}"`);
  checkNumber(v.bias, `${where}.bias`, p);
  if (!Array.isArray(v.groups) || v.groups.length === 0) p.push(`${where}.groups: a non-empty list is expected`);
  else
    v.groups.forEach((g, i) => {
      const w = `${where}.groups[${i}]`;
      if (!isObject(g)) return void p.push(`${w}: an object is expected`);
      if (typeof g.name !== 'string' || g.name === '') p.push(`${w}.name: a name is expected`);
      checkNumber(g.weight, `${w}.weight`, p);
      if (g.max !== undefined && (!Number.isInteger(g.max) || (g.max as number) < 1)) p.push(`${w}.max: a positive integer is expected`);
      checkTerms(g.terms, `${w}.terms`, p);
    });
  if (v.except !== undefined) checkTerms(v.except, `${where}.except`, p);
  if (v.dampen !== undefined) {
    if (!isObject(v.dampen)) p.push(`${where}.dampen: an object is expected`);
    else {
      if (!Number.isInteger(v.dampen.window) || (v.dampen.window as number) < 1) p.push(`${where}.dampen.window: a positive integer is expected`);
      checkNumber(v.dampen.factor, `${where}.dampen.factor`, p);
      checkTerms(v.dampen.terms, `${where}.dampen.terms`, p);
    }
  }
}

/** Validates the parsed JSON of each list file; throws a TextListsError naming every problem. */
export function parseTextLists(files: Record<keyof TextLists, unknown>): TextLists {
  const p: Problems = [];
  const ad = files.advertising;
  checkCueList(ad, TEXT_LIST_FILES.advertising, p, ['signals', 'ignoredDomains']);
  if (isObject(ad)) {
    if (!isObject(ad.signals)) p.push(`${TEXT_LIST_FILES.advertising}.signals: an object is expected`);
    else for (const k of ['phone', 'url', 'handle', 'price', 'discount']) checkNumber(ad.signals[k], `${TEXT_LIST_FILES.advertising}.signals.${k}`, p);
    checkStrings(ad.ignoredDomains, `${TEXT_LIST_FILES.advertising}.ignoredDomains`, p);
  }
  checkCueList(files.abusive, TEXT_LIST_FILES.abusive, p);
  checkCueList(files.urgent, TEXT_LIST_FILES.urgent, p);
  const oos = files.outOfScope;
  if (!isObject(oos) || !Array.isArray(oos.channels) || oos.channels.length === 0) p.push(`${TEXT_LIST_FILES.outOfScope}.channels: a non-empty list is expected`);
  else
    oos.channels.forEach((c, i) => {
      const w = `${TEXT_LIST_FILES.outOfScope}.channels[${i}]`;
      checkCueList(c, w, p, ['id', 'label', 'law', 'channel']);
      if (isObject(c)) for (const k of ['id', 'label', 'law', 'channel']) if (typeof c[k] !== 'string' || c[k] === '') p.push(`${w}.${k}: a text is expected`);
    });
  const vi = files.vietnamese;
  if (!isObject(vi)) p.push(`${TEXT_LIST_FILES.vietnamese}: an object is expected`);
  else {
    checkStrings(vi.words, `${TEXT_LIST_FILES.vietnamese}.words`, p);
    checkStrings(vi.foreignWords, `${TEXT_LIST_FILES.vietnamese}.foreignWords`, p);
  }
  if (p.length > 0) throw new TextListsError(p);
  return files as unknown as TextLists;
}
