/** Photos and videos as thumbnails, each opening the full file in a new tab. */
import { useT } from '../i18n/strings.ts';
import { proofNames, useNames } from '../i18n/labels.ts';
import { common } from './common.strings.ts';

export function Thumbs({ items, alt }: { items: readonly { url: string; kind?: string }[]; alt: (n: number) => string }) {
  const t = useT(common);
  return (
    <div className="thumbs">
      {items.map((m, i) =>
        m.kind === 'video' ? (
          <figure key={m.url}>
            <a href={m.url} target="_blank" rel="noopener">
              <video src={m.url} controls preload="metadata" aria-label={alt(i + 1)} />
            </a>
          </figure>
        ) : (
          <figure key={m.url}>
            <a href={m.url} target="_blank" rel="noopener" title={t('openFull')}>
              <img src={m.url} alt={alt(i + 1)} loading="lazy" width={104} height={104} />
            </a>
          </figure>
        ),
      )}
    </div>
  );
}

/**
 * The proofs of a published result as the public and the reporter see them: kind and title, then the
 * photos among them (their metadata-free public copies).
 */
export function ResultProofs({ proofs, heading, photoAlt }: { proofs: readonly { kind: string; title: string; url: string | null }[]; heading: string; photoAlt: (n: number) => string }) {
  const proofName = useNames(proofNames);
  const photos = proofs.flatMap((p) => (p.url ? [{ url: p.url }] : []));
  return (
    <>
      {proofs.length > 0 && (
        <>
          <h3>{heading}</h3>
          <ul>
            {proofs.map((p, i) => (
              <li key={i}>
                <span className="muted">{proofName(p.kind)}:</span> {p.title}
              </li>
            ))}
          </ul>
        </>
      )}
      {photos.length > 0 && <Thumbs items={photos} alt={photoAlt} />}
    </>
  );
}
