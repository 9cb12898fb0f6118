/**
 * The text checks of intake integrity (issue 5): advertising (R-6.2e), abusive language, complaints,
 * denunciations and state secrets that belong to other channels, text not in Vietnamese, and
 * the suggestion to classify a report as urgent. Pure and fast (well under a millisecond per report):
 * they run at submission. Each produces at most one finding per check (out of scope: one per channel found);
 * none decides — the receiving officer does.
 */
import { maskPhone } from '../../identity/contact.ts';
import type { Finding } from '../findings.ts';
import { advertisingSummary, scoreAdvertising } from './advertising.ts';
import { compileCues, FLAG_AT, logistic, positiveTerms, roundConfidence, scoreCues } from './cues.ts';
import { judgeLanguage, notVietnameseConfidence } from './language.ts';
import type { TextLists } from './lists.ts';
import { tokenise } from './tokens.ts';

export interface TextInput {
  title: string;
  description: string;
}

export function textFindings(input: TextInput, lists: TextLists): Finding[] {
  const fields = [input.title, input.description];
  const tokens = tokenise(fields);
  const findings: Finding[] = [];

  const ad = scoreAdvertising(fields, tokens, lists.advertising);
  if (ad.confidence >= FLAG_AT) {
    findings.push({
      check: 'advertising',
      confidence: roundConfidence(ad.confidence),
      summary: advertisingSummary(ad),
      evidence: {
        words: positiveTerms(ad.score),
        reportWords: ad.score.hits.filter((h) => h.contribution < 0).flatMap((h) => h.terms),
        // Masked: a number in a report may be the reporter's own (findings carry no identity data).
        phones: ad.signals.phones.map(maskPhone),
        domains: ad.signals.domains,
        handles: ad.signals.handles.length,
        prices: ad.signals.prices,
        discounts: ad.signals.discounts,
      },
    });
  }

  const abuse = scoreCues(compileCues(lists.abusive), tokens);
  const abuseConfidence = logistic(abuse.logit);
  if (abuseConfidence >= FLAG_AT) {
    const found = positiveTerms(abuse);
    findings.push({
      check: 'abusive',
      confidence: roundConfidence(abuseConfidence),
      summary: `Ngôn từ thiếu văn hóa, xúc phạm (R-5.2): ${found.join(', ')}`,
      evidence: { words: found },
    });
  }

  for (const channel of lists.outOfScope.channels) {
    const s = scoreCues(compileCues(channel), tokens);
    const c = logistic(s.logit);
    if (c < FLAG_AT) continue;
    const found = positiveTerms(s);
    findings.push({
      check: 'out_of_scope',
      confidence: roundConfidence(c),
      summary: `Có thể là ${channel.label} (${found.join(', ')}), không thuộc phạm vi tiếp nhận của iHanoi (R-1.3). ${channel.law} ${channel.channel}`,
      evidence: { channel: channel.id, words: found, law: channel.law },
    });
  }

  const language = judgeLanguage(fields.join('\n'), lists.vietnamese);
  const foreign = notVietnameseConfidence(language);
  if (foreign >= FLAG_AT) {
    findings.push({
      check: 'not_vietnamese',
      confidence: roundConfidence(foreign),
      summary: language.script
        ? `Nội dung không viết bằng tiếng Việt (chữ ${language.script}) (R-5.1)`
        : `Nội dung không viết bằng tiếng Việt: chỉ ${Math.round(language.vietnameseShare * 100)}% là từ tiếng Việt (R-5.1)`,
      evidence: { vietnameseShare: Math.round(language.vietnameseShare * 100) / 100, script: language.script, foreignWords: language.foreignWords },
    });
  }

  const urgent = scoreCues(compileCues(lists.urgent), tokens);
  const urgency = logistic(urgent.logit);
  if (urgency >= FLAG_AT) {
    const kinds = urgent.hits.filter((h) => h.contribution > 0 && h.group !== 'immediacy').map((h) => h.group);
    const found = positiveTerms(urgent);
    findings.push({
      check: 'urgent_suggested',
      confidence: roundConfidence(urgency),
      summary: `Đề xuất phân loại khẩn (R-8.4: xử lý trong 4 giờ làm việc): ${found.join(', ')}. Báo ngay cán bộ trực.`,
      evidence: { words: found, kinds },
    });
  }
  return findings;
}
