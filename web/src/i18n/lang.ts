/** The interface language: Vietnamese by default, English on request; kept on the device. */
export type Lang = 'vi' | 'en';

const KEY = 'ihanoi.lang';
let lang: Lang = readStored();
const listeners = new Set<(l: Lang) => void>();

function readStored(): Lang {
  try {
    return localStorage.getItem(KEY) === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

export const currentLang = (): Lang => lang;

export function setLang(next: Lang): void {
  lang = next;
  try {
    localStorage.setItem(KEY, next);
  } catch {
    /* private mode: the choice lasts for this page only */
  }
  document.documentElement.lang = next;
  for (const l of listeners) l(next);
}

export function onLangChange(listener: (l: Lang) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
