/** Text checks of intake integrity (issue 5): advertising, abuse, out of scope, not Vietnamese, urgency. */
export { textFindings, type TextInput } from './text-findings.ts';
export { parseTextLists, TextListsError, TEXT_LIST_FILES, type TextLists, type CueList, type CueGroup, type Term, type AdvertisingList, type OutOfScopeList, type OutOfScopeChannel, type VietnameseList } from './lists.ts';
export { advertisingSignals, type AdvertisingSignals } from './advertising.ts';
export { judgeLanguage, isVietnameseSyllable, type LanguageVerdict } from './language.ts';
export { FLAG_AT } from './cues.ts';
export { tokenise, words, type Token } from './tokens.ts';
export { evaluateTextChecks, CHECK_LABELS, PRECISION_TARGETS, type LabelledText, type CheckQuality } from './evaluation.ts';
