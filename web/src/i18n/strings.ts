/**
 * Interface texts. Each part of the app defines its own with `defineStrings(vi, en)`: the English table must
 * have every key of the Vietnamese one (the compiler checks), so a switch of language never shows a key.
 * `{name}` in a text is filled from the parameters.
 */
import { useSyncExternalStore } from 'react';
import { currentLang, onLangChange, type Lang } from './lang.ts';

export interface Strings<K extends string> {
  vi: Record<K, string>;
  en: Record<K, string>;
}

export const defineStrings = <K extends string>(vi: Record<K, string>, en: Record<NoInfer<K>, string>): Strings<K> => ({ vi, en });

export function format(text: string, params?: Record<string, string | number>): string {
  return params ? text.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m)) : text;
}

export function useLang(): Lang {
  return useSyncExternalStore(onLangChange, currentLang);
}

export type T<K extends string> = (key: K, params?: Record<string, string | number>) => string;

export function useT<K extends string>(strings: Strings<K>): T<K> {
  const lang = useLang();
  return (key, params) => format(strings[lang][key], params);
}
