/** The public list's address: its filters and page, so that a filtered list can be linked to (the dashboard does). */

export const PUBLIC_FILTERS = ['kind', 'category', 'unit', 'state', 'from', 'to'] as const;
export type PublicFilters = Record<(typeof PUBLIC_FILTERS)[number], string>;

export function publicListHref(f: Partial<Record<keyof PublicFilters, string | null>>, page = 1): string {
  const params = new URLSearchParams();
  for (const k of PUBLIC_FILTERS) {
    const v = f[k];
    if (v) params.set(k, v);
  }
  if (page > 1) params.set('page', String(page));
  const s = params.toString();
  return s ? `/?${s}` : '/';
}
