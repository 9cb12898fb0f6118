/** Paging of a list: previous page, "Trang 2/5", next page. */
import { Link } from 'wouter';
import { useT } from '../i18n/strings.ts';
import { common } from './common.strings.ts';

export const pageCount = (total: number, limit: number) => Math.max(1, Math.ceil(total / limit));

/**
 * Nothing for a single page. With `href` (a list whose page is in the address) the steps are links, absent at
 * either end; otherwise buttons calling `onPage`, disabled at either end.
 */
export function Pager({
  page,
  pages,
  href,
  onPage,
  label,
  className,
}: {
  page: number;
  pages: number;
  href?: (page: number) => string;
  onPage?: (page: number) => void;
  /** The navigation's name; "Phân trang" unless given. */
  label?: string;
  className: string;
}) {
  const t = useT(common);
  if (pages <= 1) return null;
  const step = (to: number, rel: 'prev' | 'next') => {
    const text = rel === 'prev' ? t('previous') : t('next');
    const inRange = to >= 1 && to <= pages;
    if (href)
      return inRange ? (
        <Link href={href(to)} className="button secondary small" rel={rel}>
          {text}
        </Link>
      ) : (
        <span />
      );
    return (
      <button type="button" className="button secondary small" disabled={!inRange} onClick={() => onPage?.(to)}>
        {text}
      </button>
    );
  };
  return (
    <nav className={className} aria-label={label ?? t('paging')}>
      {step(page - 1, 'prev')}
      <span aria-current="page">{t('pageOf', { page, pages })}</span>
      {step(page + 1, 'next')}
    </nav>
  );
}
