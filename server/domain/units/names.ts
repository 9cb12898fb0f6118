/**
 * Vietnamese place names as people type them: with or without diacritics, with the tone mark on either vowel
 * ("Yên Hoà" / "Yên Hòa" — both spellings are in official data, see data/hanoi/README.md), in NFC or NFD, with
 * odd spacing or punctuation. Two keys are derived from a name:
 * - `searchKey`: lower-case ASCII words ("yen hoa"), đ → d. Stored in the database and used for matching.
 * - `accentKey`: keeps the vowel marks and đ but moves each syllable's tone mark to the end of the syllable,
 *   so that tone-mark placement does not matter while "Đông" and "Đồng" still differ. Used only to rank a
 *   result that agrees with the diacritics the user typed above one that merely matches without them.
 */

// The five Vietnamese tone marks as combining characters (NFD): grave, acute, tilde, hook above, dot below.
const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/g;
const COMBINING_MARKS = /[\u0300-\u036f]/g;
// A word is a run of letters, digits and their marks; anything else separates words ("Văn Miếu - Quốc Tử
// Giám", "Ô Chợ Dừa"). Matching the words is twice as fast as splitting at the separators.
const WORD = /[\p{L}\p{N}\u0300-\u036f]+/gu;

function words(name: string): string[] {
  return name.normalize('NFD').toLowerCase().match(WORD) ?? [];
}

/** "Phường Yên Hòa" → "phuong yen hoa"; "" when the input has no letters or digits. */
export function searchKey(name: string): string {
  // The marks and đ are replaced in the joined words at once (the same result as word by word, in two passes
  // instead of two per word: a report's text has a hundred words).
  return words(name).join(' ').replace(COMBINING_MARKS, '').replace(/đ/g, 'd');
}

/** "Yên Hoà" and "Yên Hòa" → the same key; "Sơn Đông" and "Sơn Đồng" → different keys. */
export function accentKey(name: string): string {
  return words(name)
    .map((w) => {
      const tones = w.match(TONE_MARKS) ?? [];
      return w.replace(TONE_MARKS, '') + tones.join('');
    })
    .join(' ');
}

/** Whether the text carries any Vietnamese diacritic (then the user's accents are worth honouring). */
export function hasDiacritics(text: string): boolean {
  return accentKey(text) !== searchKey(text);
}
