/**
 * Duplicate texts (issue 5 item 3, R-6.2c): reports whose title + description are near copies of another's —
 * the same words with a few changed, added, dropped or moved, with or without diacritics. MinHash of syllable
 * pairs with LSH bands (server/domain/integrity/similarity/text-minhash.ts, ADR 0006).
 *
 * Every submitted report gets a signature row, written in the submission's one statement (`insertNewReport`'s
 * `textSignature` part, from `textSignatureRows`); a search reads the reports sharing a band key with the text
 * and keeps those whose estimated Jaccard similarity reaches the threshold.
 */
import type { Insertable, Kysely, Transaction } from 'kysely';
import { estimatedJaccard, minhashFromBytes, minhashToBytes, TEXT_MINHASH, textSignature } from '../../domain/integrity/similarity/index.ts';
import { textCandidates } from '../../db/repos/similarity.repo.ts';
import type { DB } from '../../db/schema.ts';
import type { ReportTextSignaturesTable } from '../../db/schema/similarity.ts';

/**
 * Estimated Jaccard similarity (syllable pairs) from which a text is a near duplicate: 0.5. Measured on
 * hand-written reports (ADR 0006): reworded copies 0.52–0.63, copies with a changed address or a sentence added
 * above 0.7, and different reports of the same kind of problem 0.09–0.23. LSH finds a pair at 0.5 with
 * probability 0.87, at 0.6 with 0.99.
 */
export const SIMILAR_TEXT_THRESHOLD = TEXT_MINHASH.threshold;

/**
 * The rows to insert for a report's text signature: one, or none when the text is too short to compare
 * (fewer than TEXT_MINHASH.minShingles syllable pairs).
 */
export function textSignatureRows(reportId: string, title: string, description: string): Insertable<ReportTextSignaturesTable>[] {
  const s = textSignature(title, description);
  if (!s) return [];
  return [{ report_id: reportId, minhash: minhashToBytes(s.minhash), bands: Array.from(s.bands) }];
}

export interface SimilarText {
  reportId: string;
  /** Estimated Jaccard similarity of the two texts' syllable pairs, 0–1 (multiples of 1/128). */
  similarity: number;
}

/**
 * Reports whose text is a near duplicate of `title` + `description`, most similar first. `excludeReportId`:
 * the report itself when it is already stored. `minSimilarity` defaults to SIMILAR_TEXT_THRESHOLD; asking for
 * less than about 0.4 finds only part of those pairs (LSH is tuned for the threshold).
 */
export async function similarReportsByText(
  db: Kysely<DB> | Transaction<DB>,
  o: { title: string; description: string; excludeReportId?: string; limit: number; minSimilarity?: number },
): Promise<SimilarText[]> {
  const signature = textSignature(o.title, o.description);
  if (!signature) return [];
  const min = o.minSimilarity ?? SIMILAR_TEXT_THRESHOLD;
  const candidates = await textCandidates(db, { bands: Array.from(signature.bands), excludeReportId: o.excludeReportId });
  const found: SimilarText[] = [];
  for (const c of candidates) {
    const similarity = estimatedJaccard(signature.minhash, minhashFromBytes(c.minhash));
    if (similarity >= min) found.push({ reportId: c.reportId, similarity });
  }
  // Most similar first; ties by id (UUIDv7: the earlier report first).
  found.sort((a, b) => b.similarity - a.similarity || (a.reportId < b.reportId ? -1 : 1));
  return found.slice(0, o.limit);
}
