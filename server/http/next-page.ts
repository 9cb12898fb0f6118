/**
 * Paging of public feeds without counting every row (Open311, open data): the request's own path and query with
 * the paging parameters moved on, for a `Link: <…>; rel="next"` header or a `next` member.
 */
export function nextPageUrl(url: string, set: Record<string, number>): string {
  const u = new URL(url, 'http://x');
  for (const [name, value] of Object.entries(set)) u.searchParams.set(name, String(value));
  return `${u.pathname}${u.search}`;
}
