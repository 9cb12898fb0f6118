/**
 * What the Center's pages share: the area's navigation (the dashboard, rankings, report documents and focal
 * officers, each shown to the roles that may read it), the periods people choose (months, quarters, years) and
 * their names, the page's title, and the link from a report code to the staff console.
 */
import { useEffect } from 'react';
import { Link, useLocation } from 'wouter';
import { OVERSEER_ROLES } from '../../components/layout.tsx';
import type { Lang } from '../../i18n/lang.ts';
import { useLang, useT } from '../../i18n/strings.ts';
import { hasRole, useSession } from '../../session.tsx';
import { p } from './pages.strings.ts';
import { monthLabel } from './shared.tsx';

/** The administrator (evaluation criteria, focal officers) besides the roles reading the oversight figures. */
export const ADMIN_ROLE = 'administrator';

export function useCanSee() {
  const { me } = useSession();
  const overseer = hasRole(me, ...OVERSEER_ROLES);
  const admin = hasRole(me, ADMIN_ROLE);
  return { overseer, admin, dashboard: overseer, rankings: overseer || admin, documents: overseer, focal: overseer || admin };
}

/** Links between the Center's pages; the current one is marked. */
export function OverseerNav() {
  const t = useT(p);
  const can = useCanSee();
  const [location] = useLocation();
  const links = [
    { href: '/overseer', label: t('navDashboard'), show: can.dashboard },
    { href: '/overseer/rankings', label: t('navRankings'), show: can.rankings },
    { href: '/overseer/documents', label: t('navDocuments'), show: can.documents },
    { href: '/overseer/focal-officers', label: t('navFocal'), show: can.focal },
  ].filter((l) => l.show);
  const here = location.replace(/\/$/, '') || '/';
  return (
    <nav className="overseer-nav" aria-label={t('areaNav')}>
      <ul>
        {links.map((l) => (
          <li key={l.href}>
            <Link href={l.href} aria-current={here === l.href ? 'page' : undefined}>
              {l.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** The tab's title, in the interface's language. */
export function useTitle(title: string) {
  const lang = useLang();
  useEffect(() => {
    document.title = `${title} — iHanoi`;
  }, [title, lang]);
}

export const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
export const QUARTER = /^\d{4}-Q[1-4]$/;
export const YEAR = /^\d{4}$/;
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1 + n, 1)).toISOString().slice(0, 7);
}

export const monthsBack = (current: string, n: number) => Array.from({ length: n }, (_, i) => addMonths(current, -i));

export const quarterOf = (month: string) => `${month.slice(0, 4)}-Q${Math.floor((Number(month.slice(5, 7)) - 1) / 3) + 1}`;

export function quartersBack(current: string, n: number): string[] {
  return Array.from({ length: n }, (_, i) => quarterOf(addMonths(current, -3 * i)));
}

export const yearsBack = (current: string, n: number) => Array.from({ length: n }, (_, i) => String(Number(current.slice(0, 4)) - i));

export type PeriodKind = 'month' | 'quarter' | 'year';

export const periodKindOf = (period: string): PeriodKind => (QUARTER.test(period) ? 'quarter' : YEAR.test(period) ? 'year' : 'month');

/** "10/2026", "Quý IV/2026" / "Q4 2026", "Năm 2026" / "2026". */
export function periodLabel(lang: Lang, period: string): string {
  const q = /^(\d{4})-Q([1-4])$/.exec(period);
  if (q) return p[lang].quarterLabel.replace('{q}', lang === 'vi' ? (['I', 'II', 'III', 'IV'][Number(q[2]) - 1] as string) : q[2]!).replace('{y}', q[1]!);
  if (YEAR.test(period)) return p[lang].yearLabel.replace('{y}', period);
  return monthLabel(lang, period);
}

/** The staff console's list searching a report code: the page staff work on the report from. */
export const staffCodeHref = (code: string) => `/staff?${new URLSearchParams({ q: code }).toString()}`;
