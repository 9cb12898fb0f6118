/**
 * Content-Disposition with a Vietnamese file name (RFC 6266 + RFC 5987): `filename` an ASCII fallback (marks
 * removed, đ → d, anything else outside [A-Za-z0-9._-] → "-"), `filename*` the name itself in UTF-8.
 */
export function contentDisposition(type: 'inline' | 'attachment', name: string): string {
  const ascii = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^A-Za-z0-9._-]+/g, '-');
  // encodeURIComponent leaves ' ( ) * ! unescaped; RFC 5987's attr-char does not allow the first four.
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${type}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
