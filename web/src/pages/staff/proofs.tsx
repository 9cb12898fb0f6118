/**
 * Proof of the handling attached to a draft result: each file goes up at once with its progress
 * (POST /api/v1/uploads), then the officer names its kind — biên bản kiểm tra, ảnh hiện trường, văn bản trả
 * lời, khác — and title. The draft carries them as proofs[] with the file's sha256; approval needs at least one.
 */
import { useEffect, useRef } from 'react';
import { uploadFile } from '../../api/client.ts';
import { SelectField } from '../../components/fields.tsx';
import { formatBytes } from '../../format.ts';
import { optionsOf, proofChoiceNames, type ProofKind } from '../../i18n/labels.ts';
import { useLang, useT } from '../../i18n/strings.ts';
import type { Proof } from './data.ts';
import { s, type StaffKey } from './strings.ts';

export interface ProofRow {
  key: string;
  kind: ProofKind | '';
  title: string;
  sha256?: string;
  /** The file's name as chosen (empty for a proof already in the draft). */
  name: string;
  size: number;
  status: 'uploading' | 'done' | 'failed' | 'existing';
  progress: number;
  error?: string;
  file?: File;
  preview?: string;
}

export const ACCEPT = 'image/jpeg,image/png,image/webp,image/heic,image/heif,video/mp4,video/quicktime';

let seq = 0;
const nextKey = () => `proof-${++seq}`;

/** Rows for the proofs a returned draft already carries, so that reworking it keeps them. */
export const rowsFromProofs = (proofs: readonly Proof[]): ProofRow[] =>
  proofs.map((p) => ({ key: nextKey(), kind: p.kind, title: p.title, ...(p.sha256 ? { sha256: p.sha256 } : {}), name: '', size: 0, status: 'existing', progress: 1 }));

export const proofsOf = (rows: readonly ProofRow[]): Proof[] =>
  rows.map((r) => ({ kind: r.kind as ProofKind, title: r.title.trim(), ...(r.sha256 ? { sha256: r.sha256 } : {}) }));

/** What stops sending: nothing ('') or the message to show. */
export function proofProblem(rows: readonly ProofRow[], t: (k: StaffKey) => string): string {
  if (rows.length === 0) return t('proofNeedOne');
  if (rows.some((r) => r.status === 'uploading')) return t('proofWait');
  if (rows.some((r) => r.status === 'failed')) return t('proofHasError');
  return '';
}

export const rowFieldProblem = (r: ProofRow) => ({ kind: r.kind === '', title: r.title.trim() === '' });

export function ProofEditor({
  rows,
  setRows,
  problem,
  showFieldProblems,
}: {
  rows: ProofRow[];
  setRows: (update: (rows: ProofRow[]) => ProofRow[]) => void;
  /** The form-level problem (none, or e.g. "at least one"), shown under the file input. */
  problem: string;
  showFieldProblems: boolean;
}) {
  const t = useT(s);
  const kindOptions = optionsOf(proofChoiceNames, useLang());
  const controllers = useRef(new Map<string, AbortController>());
  const previews = useRef(new Set<string>());

  useEffect(() => {
    const c = controllers.current;
    const p = previews.current;
    return () => {
      for (const ctl of c.values()) ctl.abort();
      for (const url of p) URL.revokeObjectURL(url);
    };
  }, []);

  const update = (key: string, patch: Partial<ProofRow>) => setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));

  const start = (key: string, file: File) => {
    const ctl = new AbortController();
    controllers.current.set(key, ctl);
    update(key, { status: 'uploading', progress: 0, error: undefined });
    uploadFile(file, (fraction) => update(key, { progress: fraction }), ctl.signal).then(
      (up) => {
        controllers.current.delete(key);
        update(key, { status: 'done', progress: 1, sha256: up.sha256 });
      },
      (err: unknown) => {
        controllers.current.delete(key);
        if (ctl.signal.aborted) return;
        update(key, { status: 'failed', error: err instanceof Error ? err.message : String(err) });
      },
    );
  };

  const add = (files: FileList | null) => {
    if (!files) return;
    const added: ProofRow[] = [...files].map((file) => {
      const preview = file.type.startsWith('image/') ? URL.createObjectURL(file) : undefined;
      if (preview) previews.current.add(preview);
      return { key: nextKey(), kind: '', title: file.name.replace(/\.[^.]+$/, ''), name: file.name, size: file.size, status: 'uploading', progress: 0, file, ...(preview ? { preview } : {}) };
    });
    setRows((rs) => [...rs, ...added]);
    for (const r of added) start(r.key, r.file as File);
  };

  const remove = (row: ProofRow) => {
    controllers.current.get(row.key)?.abort();
    controllers.current.delete(row.key);
    if (row.preview) {
      URL.revokeObjectURL(row.preview);
      previews.current.delete(row.preview);
    }
    setRows((rs) => rs.filter((r) => r.key !== row.key));
  };

  return (
    <fieldset className="staff-proofs">
      <legend>
        {t('proofSection')} <span className="muted small">({t('required')})</span>
      </legend>
      <p className="hint" id="proof-hint">
        {t('proofSectionHint')}
      </p>
      {rows.length > 0 && (
        <ol className="staff-proof-list">
          {rows.map((r, i) => {
            const n = i + 1;
            const bad = showFieldProblems ? rowFieldProblem(r) : { kind: false, title: false };
            return (
              <li key={r.key} className="staff-proof">
                <fieldset>
                  <legend>{r.status === 'existing' ? t('proofExisting', { n }) : t('proofLegend', { n, name: r.name })}</legend>
                  <div className="staff-proof-body">
                    {r.preview && r.status !== 'failed' && <img src={r.preview} alt="" className="staff-proof-thumb" />}
                    <div className="form staff-grow">
                      {r.status !== 'existing' && (
                        <div className="staff-upload">
                          {r.status !== 'failed' && <progress value={r.progress} max={1} aria-label={t('proofUploading', { name: r.name, pct: Math.round(r.progress * 100) })} />}
                          <p className={r.status === 'failed' ? 'field-error' : 'hint'} aria-live="polite">
                            {r.status === 'uploading' && t('proofUploading', { name: r.name, pct: Math.round(r.progress * 100) })}
                            {r.status === 'done' && `${t('proofUploaded', { name: r.name })} (${formatBytes(r.size)})`}
                            {r.status === 'failed' && t('proofFailed', { name: r.name, message: r.error ?? '' })}
                          </p>
                          {r.status === 'failed' && r.file && (
                            <button type="button" className="button secondary small" onClick={() => start(r.key, r.file as File)}>
                              {t('proofRetry')}
                            </button>
                          )}
                        </div>
                      )}
                      <SelectField
                        id={`${r.key}-kind`}
                        className="form"
                        label={t('proofKind')}
                        value={r.kind}
                        onChange={(v) => update(r.key, { kind: v as ProofKind })}
                        placeholder={t('chooseOne')}
                        required
                        error={bad.kind ? t('fieldChoose') : undefined}
                        options={kindOptions}
                      />
                      <label htmlFor={`${r.key}-title`}>{t('proofTitle')}</label>
                      <input
                        id={`${r.key}-title`}
                        value={r.title}
                        maxLength={300}
                        required
                        aria-invalid={bad.title || undefined}
                        aria-describedby={bad.title ? `${r.key}-title-err` : undefined}
                        onChange={(e) => update(r.key, { title: e.target.value })}
                      />
                      {bad.title && (
                        <p className="field-error" id={`${r.key}-title-err`}>
                          {t('fieldRequired')}
                        </p>
                      )}
                    </div>
                  </div>
                  <button type="button" className="button secondary small" onClick={() => remove(r)}>
                    {t('proofRemove', { n })}
                  </button>
                </fieldset>
              </li>
            );
          })}
        </ol>
      )}
      <label htmlFor="proof-files">{t('proofAdd')}</label>
      <input
        id="proof-files"
        type="file"
        multiple
        accept={ACCEPT}
        aria-describedby={problem ? 'proof-hint proof-problem' : 'proof-hint'}
        aria-invalid={Boolean(problem) || undefined}
        onChange={(e) => {
          add(e.target.files);
          e.target.value = '';
        }}
      />
      {problem && (
        <p className="field-error" id="proof-problem">
          {problem}
        </p>
      )}
    </fieldset>
  );
}
