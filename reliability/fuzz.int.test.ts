/**
 * Reliability (issue 9 item 3): schema-driven fuzzing of EVERY operation of the OpenAPI document the app builds.
 *
 * For each operation (method + path of `app.swagger()`) fast-check generates requests from the operation's own
 * schemas — valid ones, then mutated: wrong types, missing and extra fields, huge strings (up to a few MB where a
 * body is allowed), deep JSON nesting, unicode edge cases (lone surrogates, RTL overrides, zero-width, NUL), SQL
 * and HTML injection, path traversal in path parameters and multipart file names, bad content types, malformed
 * JSON, invalid UUIDs and codes — sent anonymously, signed in as the operation's relevant role (so that what
 * comes after the access check is reached), as another role, or with a forged session.
 *
 * Asserted: no 5xx, ever; every 4xx is RFC 9457 problem+json (`type`, `title`, `status` = the HTTP status,
 * `detail`) — except under /open311/v2, which answers the spec's own error format (`[{code, description}]` or
 * `<errors><error><code/><description/></error></errors>`); no request hangs; no "unhandled error" is logged.
 * And, so that the test cannot pass by accident: a spread of statuses, and every operation reached by at least
 * one request that passed validation (and, for signed-in operations, the access check).
 *
 * Size: RELIABILITY_SIZE=ci (default, ≥ 5,000 requests) or full (≥ 100,000). Seed: FUZZ_SEED (default fixed,
 * printed) — the same seed sends the same requests.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { png } from '../server/adapters/media/fixtures/images.ts';
import { findAgency } from '../server/db/repos/agencies.repo.ts';
import { updateUser } from '../server/db/repos/accounts.repo.ts';
import { vietnamTime } from '../server/domain/calendar/index.ts';
import type { StaffRole } from '../server/domain/access/index.ts';
import { testApp } from '../test/context.ts';
import { createCitizen, signInHeaders, signedInStaff } from '../test/factories.ts';
import { fieldReportBody } from '../test/reports.ts';
import { upload } from '../test/uploads.ts';
import { scenePhoto } from '../test/fixtures/photo-variants.ts';

const SIZE = process.env.RELIABILITY_SIZE === 'full' ? 'full' : 'ci';
const TARGET = SIZE === 'full' ? 100_000 : 5_000;
const SEED = Number(process.env.FUZZ_SEED ?? 20260302);
/** A request slower than this is a hang (a stream that never ends, a lock never released). */
const REQUEST_TIMEOUT_MS = 15_000;

// ---------------------------------------------------------------------------------------------------------------
// The OpenAPI document's schemas, as far as the generator reads them.

interface JsonSchema {
  type?: string;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema | JsonSchema[];
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
}
interface Parameter {
  in: 'path' | 'query' | 'header';
  name: string;
  required?: boolean;
  schema: JsonSchema;
}
interface Operation {
  key: string;
  method: string;
  path: string;
  parameters: Parameter[];
  bodyType: string | null;
  bodySchema: JsonSchema | null;
}

function operationsOf(doc: { paths: Record<string, Record<string, { parameters?: Parameter[]; requestBody?: { content: Record<string, { schema: JsonSchema }> } }>> }): Operation[] {
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const content = op.requestBody?.content ?? {};
      const bodyType = Object.keys(content)[0] ?? null;
      ops.push({ key: `${method.toUpperCase()} ${path}`, method: method.toUpperCase(), path, parameters: op.parameters ?? [], bodyType, bodySchema: bodyType ? (content[bodyType]?.schema ?? null) : null });
    }
  }
  return ops;
}

// ---------------------------------------------------------------------------------------------------------------
// Hostile values.

const SQL = ["' OR '1'='1", "'; DROP TABLE reports; --", "1; SELECT pg_sleep(10)--", "' UNION SELECT password_hash FROM users--", '$1', "%' AND 1=1 --", '\\', "''''", 'E\'\\x00\''];
const HTML = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', '<svg onload=alert(1)>', 'javascript:alert(1)', '{{7*7}}', '${7*7}', ']]><x/>', '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>', '&amp;&lt;&#0;'];
const TRAVERSAL = ['../../../../etc/passwd', '..\\..\\..\\windows\\win.ini', '%2e%2e%2f%2e%2e%2fetc%2fpasswd', '....//....//etc/passwd', '/etc/passwd', 'file:///etc/passwd', 'C:\\boot.ini', '\\\\server\\share\\x', '..', '.', '%252e%252e%252f', '/dev/zero'];
const UNICODE = ['\u0000', 'a\u0000b', '\uD800', '\uDFFF', 'x\uDBFFy', '\u202Egpj.exe', '\u200B\u200C\u200D\uFEFF', 'עברית مرحبا', 'e\u0301\u0301\u0301\u0301', '🏳️‍🌈👩‍👩‍👧‍👦', '\u{10FFFF}', '\r\nX-Injected: 1', '\u0085\u2028\u2029', 'Nguyễn Văn Ắ', '\u00A0', ' ', ''];
const MISC = ['%00', '%', '%zz', 'NaN', 'Infinity', '-Infinity', '-1e309', '-0', '1e309', '-1', '0', '9'.repeat(400), '__proto__', 'constructor', 'prototype', 'toString', 'null', 'true', '[]', '{}', 'PA-0000-000000', 'TB-2026-999999.xml', '00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff', 'http://169.254.169.254/latest/meta-data/', 'http://127.0.0.1:1/x.jpg', 'gopher://127.0.0.1:6379/_INFO'];
const HOSTILE_STRINGS = [...SQL, ...HTML, ...TRAVERSAL, ...UNICODE, ...MISC];
const hostileString = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...HOSTILE_STRINGS), fc.constantFrom(...HOSTILE_STRINGS)).map(([a, b]) => a + b) },
);
const wrongType: fc.Arbitrary<unknown> = fc.constantFrom<unknown>(null, true, false, 0, -1, 1.5, -0.0001, 2 ** 53 + 1, 1e308, -1e308, '', 'x', [], [null], {}, { a: 1 }, [[[]]], { __proto__x: 1 }, ['a', 'b']);
const badValue: fc.Arbitrary<unknown> = fc.oneof({ weight: 3, arbitrary: hostileString }, { weight: 2, arbitrary: wrongType }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) });

/** A long string of one character (materialised at send time: big bodies are not kept in memory). */
interface Big {
  char: string;
  length: number;
}
const bigString: fc.Arbitrary<Big> = fc.record({
  char: fc.constantFrom('A', 'é', '\u0000', '\uD800', '💥', '<', "'", '\u202E', ' '),
  length: fc.constantFrom(10_000, 100_000, 900_000, 1_500_000, 3_000_000),
});
const materialise = (b: Big) => b.char.repeat(Math.ceil(b.length / b.char.length));

// ---------------------------------------------------------------------------------------------------------------
// Valid values from a schema (best effort: the server may still refuse them on business grounds).

function validArb(s: JsonSchema | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!s || depth > 6) return fc.constant('x');
  if ('const' in s) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  const alts = s.anyOf ?? s.oneOf;
  if (alts) return fc.oneof(...alts.map((a) => validArb(a, depth + 1)));
  switch (s.type) {
    case 'string':
      return validString(s);
    case 'integer':
      return fc.integer({ min: Math.max(s.minimum ?? -1000, -1e9), max: Math.min(s.maximum ?? 1000, 1e9) });
    case 'number':
      return fc.double({ min: s.minimum ?? -1000, max: s.maximum ?? 1000, noNaN: true, noDefaultInfinity: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      if (Array.isArray(s.items)) return fc.tuple(...s.items.map((i) => validArb(i, depth + 1)));
      const min = s.minItems ?? 0;
      return fc.array(validArb(s.items, depth + 1), { minLength: min, maxLength: Math.max(min, Math.min(s.maxItems ?? 3, 3)) });
    }
    case 'object': {
      const props = s.properties ?? {};
      const model: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [k, v] of Object.entries(props)) model[k] = validArb(v, depth + 1);
      return fc.record(model, { requiredKeys: (s.required ?? []).filter((k) => k in props) });
    }
    default:
      return fc.constant('x');
  }
}

function validString(s: JsonSchema): fc.Arbitrary<string> {
  const min = s.minLength ?? 0;
  const max = Math.min(s.maxLength ?? 60, Math.max(min, 60));
  if (s.format === 'uuid') return fc.uuid();
  if (s.format === 'date') return fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
  if (s.format === 'date-time') return fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }).map((d) => d.toISOString());
  if (s.pattern) return fc.stringMatching(new RegExp(s.pattern)).filter((x) => x.length >= min && x.length <= (s.maxLength ?? Infinity));
  return fc.string({ minLength: min, maxLength: max, unit: 'grapheme' });
}

// ---------------------------------------------------------------------------------------------------------------
// Mutations of a valid JSON value.

type Json = unknown;
function paths(v: Json, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  if (Array.isArray(v)) v.forEach((x, i) => { out.push([...prefix, i]); paths(x, [...prefix, i], out); });
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) { out.push([...prefix, k]); paths(x, [...prefix, k], out); }
  return out;
}
function setAt(v: Json, path: (string | number)[], value: unknown, remove = false): Json {
  if (path.length === 0) return value;
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  if (Array.isArray(v)) {
    const copy = [...v];
    if (rest.length === 0 && remove) copy.splice(Number(head), 1);
    else copy[Number(head)] = setAt(copy[Number(head)], rest, value, remove);
    return copy;
  }
  if (v && typeof v === 'object') {
    const copy: Record<string, unknown> = { ...(v as Record<string, unknown>) };
    if (rest.length === 0 && remove) delete copy[String(head)];
    else copy[String(head)] = setAt(copy[String(head)], rest, value, remove);
    return copy;
  }
  return v;
}
const pick = <T>(list: T[], n: number): T | undefined => (list.length ? list[n % list.length] : undefined);
const nest = (depth: number, open: string, close: string, inner = '1') => open.repeat(depth) + inner + close.repeat(depth);

/** What goes in the body: JSON text, raw bytes, or a big string put at some place of a valid body. */
type BodyPlan =
  | { kind: 'none' }
  | { kind: 'json'; value: Json; note: string }
  | { kind: 'raw'; text: string | Buffer; contentType: string | null; note: string }
  | { kind: 'big'; value: Json; at: (string | number)[]; big: Big; note: string };

const MALFORMED_JSON = ['{', '{"a":}', '{"a":1,}', "{'a':1}", 'nul', '\uFEFF{}', '{"a":1}garbage', '{"a":1}{"b":2}', '[', '"', '{"a":"\\x00"}', '{"a":"\\ud800"}', '{"a":1e999999}', '{"__proto__":{"polluted":1}}', '{"constructor":{"prototype":{"polluted":1}}}', ' ', '\u0000', '{"a":NaN}', '{"a":-}', '{"a":0x10}'];
const BAD_CONTENT_TYPES = ['text/plain', 'application/xml', 'text/html', 'multipart/form-data', 'multipart/form-data; boundary=', 'application/x-www-form-urlencoded', 'application/octet-stream', 'application/json; charset=utf-16', 'application/vnd.api+json', ';;;', 'image/jpeg', 'application/json, text/plain', '*/*'];

function bodyPlan(op: Operation): fc.Arbitrary<BodyPlan> {
  if (!op.bodySchema) {
    // Bodies nobody asked for (also on GET and DELETE): ignored or refused, never a crash.
    return fc.oneof(
      { weight: 8, arbitrary: fc.constant<BodyPlan>({ kind: 'none' }) },
      { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((value): BodyPlan => ({ kind: 'json', value, note: 'unexpected JSON body' })) },
      { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...MALFORMED_JSON), fc.constantFrom('application/json', ...BAD_CONTENT_TYPES)).map(([text, contentType]): BodyPlan => ({ kind: 'raw', text, contentType, note: 'unexpected raw body' })) },
    );
  }
  const valid = validArb(op.bodySchema);
  const mutated = (note: string, f: (v: Json, n: number, bad: unknown) => Json) =>
    fc.tuple(valid, fc.nat(), badValue).map(([v, n, bad]): BodyPlan => ({ kind: 'json', value: f(v, n, bad), note }));
  return fc.oneof(
    { weight: 4, arbitrary: valid.map((value): BodyPlan => ({ kind: 'json', value, note: 'schema-valid body' })) },
    { weight: 5, arbitrary: mutated('one field replaced by a hostile or wrongly typed value', (v, n, bad) => { const p = pick(paths(v), n); return p ? setAt(v, p, bad) : bad; }) },
    { weight: 2, arbitrary: mutated('one field removed', (v, n) => { const p = pick(paths(v), n); return p ? setAt(v, p, undefined, true) : v; }) },
    {
      weight: 2,
      arbitrary: fc.tuple(valid, fc.oneof(hostileString, fc.constantFrom('__proto__', 'constructor', 'extra', 'id', 'reporterId', 'role', 'isAdmin')), badValue).map(([v, k, bad]): BodyPlan => ({
        kind: 'json',
        value: v && typeof v === 'object' && !Array.isArray(v) ? { ...(v as object), [k]: bad } : v,
        note: 'an extra field',
      })),
    },
    { weight: 1, arbitrary: wrongType.map((value): BodyPlan => ({ kind: 'json', value, note: 'root of the wrong type' })) },
    { weight: 2, arbitrary: fc.constantFrom(...MALFORMED_JSON).map((text): BodyPlan => ({ kind: 'raw', text, contentType: op.bodyType, note: 'malformed body' })) },
    {
      weight: 1,
      arbitrary: fc.tuple(fc.constantFrom(10, 1_000, 10_000, 100_000), fc.constantFrom(['[', ']'], ['{"a":', '}']), fc.boolean()).map(([depth, [o, c], proto]): BodyPlan => ({
        kind: 'raw',
        text: proto ? `{"__proto__":{"x":1},"n":${nest(depth, o!, c!)}}` : nest(depth, o!, c!),
        contentType: op.bodyType,
        note: `JSON nested ${depth} deep${proto ? ' with __proto__' : ''}`,
      })),
    },
    {
      weight: 1,
      arbitrary: fc.tuple(valid, fc.nat(), bigString).map(([v, n, big]): BodyPlan => {
        const p = pick(paths(v).filter((x) => x.length > 0), n) ?? [];
        return { kind: 'big', value: v, at: p, big, note: `a ${big.length}-character string` };
      }),
    },
    {
      weight: 1,
      arbitrary: fc.tuple(valid, fc.constantFrom(...BAD_CONTENT_TYPES)).map(([v, contentType]): BodyPlan => ({ kind: 'raw', text: JSON.stringify(v) ?? '', contentType, note: `content type ${contentType}` })),
    },
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Multipart bodies for the upload route (its schema declares no body: the files are parsed by the handler).

const MAGIC: Record<string, Buffer> = {
  png: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  jpeg: Buffer.from([0xff, 0xd8, 0xff, 0xe0]),
  elf: Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]),
  pe: Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'),
  zip: Buffer.from('PK\x03\x04\x14\x00', 'latin1'),
  pdf: Buffer.from('%PDF-1.7\n', 'latin1'),
  svg: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
  gif: Buffer.from('GIF89a', 'latin1'),
  mp4: Buffer.from([0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x69, 0x73, 0x6f, 0x6d]),
  none: Buffer.alloc(0),
};
interface FilePlan {
  field: string;
  filename: string | null;
  type: string;
  magic: string;
  tail: Uint8Array;
}
const filePlan: fc.Arbitrary<FilePlan> = fc.record({
  field: fc.oneof({ weight: 5, arbitrary: fc.constant('file') }, { weight: 1, arbitrary: hostileString }),
  filename: fc.oneof({ weight: 3, arbitrary: fc.constantFrom('anh.jpg', 'IMG_0001.JPG', 'video.mp4') }, { weight: 4, arbitrary: hostileString }, { weight: 1, arbitrary: fc.constant(null) }),
  type: fc.constantFrom('image/jpeg', 'image/png', 'application/octet-stream', 'text/html', 'image/svg+xml', '', 'x'),
  magic: fc.constantFrom('valid', ...Object.keys(MAGIC)),
  tail: fc.uint8Array({ maxLength: 2048 }),
});
interface MultipartPlan {
  files: FilePlan[];
  fields: [string, string][];
  breakage: 'none' | 'no-closing-boundary' | 'wrong-boundary' | 'no-boundary-param' | 'header-garbage' | 'lf-only';
}
const multipartPlan: fc.Arbitrary<MultipartPlan> = fc.oneof(
  // A plain, valid upload now and then, so that the route's success path is fuzzed around too.
  { weight: 1, arbitrary: fc.constant<MultipartPlan>({ files: [{ field: 'file', filename: 'o-ga.png', type: 'image/png', magic: 'valid', tail: new Uint8Array(0) }], fields: [], breakage: 'none' }) },
  {
    weight: 4,
    arbitrary: fc.record({
      files: fc.array(filePlan, { minLength: 0, maxLength: 12 }),
      fields: fc.array(fc.tuple(fc.oneof(fc.constantFrom('file', 'title', 'x'), hostileString), hostileString), { maxLength: 3 }),
      breakage: fc.constantFrom<MultipartPlan['breakage']>('none', 'none', 'none', 'no-closing-boundary', 'wrong-boundary', 'no-boundary-param', 'header-garbage', 'lf-only'),
    }),
  },
);

function buildMultipart(p: MultipartPlan, validPng: Buffer): { payload: Buffer; contentType: string } {
  const boundary = '----fuzzboundary7MA4YWxkTrZu0gW';
  const nl = p.breakage === 'lf-only' ? '\n' : '\r\n';
  const chunks: Buffer[] = [];
  const quote = (s: string) => s.replace(/[\r\n]/g, ' ');
  for (const [name, value] of p.fields) chunks.push(Buffer.from(`--${boundary}${nl}Content-Disposition: form-data; name="${quote(name)}"${nl}${nl}${value}${nl}`));
  for (const f of p.files) {
    const bytes = f.magic === 'valid' ? validPng : Buffer.concat([MAGIC[f.magic] ?? Buffer.alloc(0), f.tail]);
    const disposition = f.filename === null ? `form-data; name="${quote(f.field)}"` : `form-data; name="${quote(f.field)}"; filename="${quote(f.filename)}"`;
    chunks.push(Buffer.from(`--${boundary}${nl}Content-Disposition: ${disposition}${nl}Content-Type: ${f.type}${nl}${p.breakage === 'header-garbage' ? `\u0000\u00ff: :${nl}` : ''}${nl}`));
    chunks.push(bytes, Buffer.from(nl));
  }
  if (p.breakage !== 'no-closing-boundary') chunks.push(Buffer.from(`--${p.breakage === 'wrong-boundary' ? 'other' : boundary}--${nl}`));
  const contentType = p.breakage === 'no-boundary-param' ? 'multipart/form-data' : `multipart/form-data; boundary=${boundary}`;
  return { payload: Buffer.concat(chunks), contentType };
}

// ---------------------------------------------------------------------------------------------------------------
// Who calls.

type IdentityName = 'anonymous' | 'citizen' | 'forged-bearer' | 'forged-cookie' | StaffRole;
const STAFF: StaffRole[] = ['administrator', 'center_operator', 'agency_head', 'receiving_officer', 'processing_officer', 'commune_leader', 'alert_editor', 'alert_approver', 'city_overseer', 'reception_officer'];

/** The roles that may do an operation, so that fuzzed requests get past the access check to what follows. */
function relevantRoles(op: Operation): IdentityName[] {
  const p = op.path;
  if (/^\/api\/v1\/admin\/(sanctions|violations)$/.test(p)) return ['administrator', 'center_operator'];
  if (p.startsWith('/api/v1/admin/') || (op.method !== 'GET' && /^\/api\/v1\/(categories|routing-rules|calendar|agencies\/\{id\}$)/.test(p))) return ['administrator'];
  if (p.endsWith('/focal-officers')) return ['center_operator', 'administrator'];
  if (p.startsWith('/api/v1/alerts')) return ['alert_editor', 'alert_approver'];
  if (p.startsWith('/api/v1/oversight')) return ['city_overseer', 'center_operator', 'agency_head'];
  // Citizen reception (R-5.4): the Board's officers; the citizens' own bookings fall to the default below.
  if (p.startsWith('/api/v1/reception/') && !(op.method === 'GET' && ['/api/v1/reception/sessions', '/api/v1/reception/sessions.ics', '/api/v1/reception/reference'].includes(p))) return ['reception_officer'];
  if (/\/(actions|cooperations|referral)/.test(p) || p.startsWith('/api/v1/staff/') || p.startsWith('/api/v1/routing') || p.endsWith('/members'))
    return ['center_operator', 'agency_head', 'receiving_officer', 'processing_officer', 'commune_leader', ...(p.endsWith('/actions') ? (['citizen'] as IdentityName[]) : [])];
  if (p === '/api/v1/reports/{id}') return ['citizen', 'center_operator', 'agency_head'];
  return ['citizen'];
}

function identityArb(op: Operation): fc.Arbitrary<IdentityName> {
  // Signing out would end the session the other requests use.
  if (op.key === 'POST /api/v1/auth/sign-out') return fc.constantFrom<IdentityName>('anonymous', 'forged-bearer', 'forged-cookie');
  const others: IdentityName[] = ['citizen', ...STAFF];
  const relevant = relevantRoles(op);
  return fc.oneof(
    { weight: 9, arbitrary: fc.constantFrom(...relevant) },
    { weight: 5, arbitrary: fc.constant<IdentityName>('anonymous') },
    { weight: 4, arbitrary: fc.constantFrom(...others) },
    { weight: 2, arbitrary: fc.constantFrom<IdentityName>('forged-bearer', 'forged-cookie') },
  );
}

// ---------------------------------------------------------------------------------------------------------------

interface Known {
  reportId: string;
  reportCode: string;
  alertId: string;
  alertDoc: string;
  uploadId: string;
  publicSha: string;
  webhookId: string;
  knownImageId: string;
  keyId: string;
  receptionSessionId: string;
  receptionBookingId: string;
  agencyId: string;
  otherAgencyId: string;
  categoryCode: string;
  serviceCode: string;
  unit: { version: string; code: string };
}

/** Real values of a path parameter: so that some requests find the resource and go on to what follows. */
function realPathValues(op: Operation, name: string, k: Known): string[] {
  const p = op.path;
  switch (name) {
    case 'id':
      if (p.startsWith('/api/v1/reports')) return [k.reportId];
      if (p.startsWith('/api/v1/alerts')) return [k.alertId];
      if (p.startsWith('/api/v1/uploads')) return [k.uploadId];
      if (p.startsWith('/api/v1/admin/webhooks')) return [k.webhookId];
      if (p.startsWith('/api/v1/admin/known-images')) return [k.knownImageId];
      if (p.startsWith('/api/v1/admin/integration-keys')) return [k.keyId];
      if (p.startsWith('/api/v1/agencies')) return [k.agencyId, k.otherAgencyId, 'ubnd-phuong-hoan-kiem'];
      if (p.startsWith('/api/v1/reception/sessions')) return [k.receptionSessionId];
      if (p.startsWith('/api/v1/reception/bookings') || p.startsWith('/api/v1/me/reception/bookings')) return [k.receptionBookingId];
      return [k.reportId];
    case 'agencyId':
      return [k.agencyId, k.otherAgencyId];
    case 'code':
      if (p.startsWith('/api/v1/public/reports')) return [k.reportCode];
      if (p.startsWith('/api/v1/categories')) return [k.categoryCode];
      return [k.unit.code];
    case 'version':
      return [k.unit.version];
    case 'year':
      return ['2026', '2025'];
    case 'sha256':
      return [k.publicSha];
    case 'document':
      return [k.alertDoc];
    case 'format':
      return ['xml', 'json'];
    case 'file':
      if (p.includes('/services/')) return [`${k.serviceCode}.xml`, `${k.serviceCode}.json`];
      return [`${k.reportCode}.json`, `${k.reportCode}.xml`];
    default:
      return [];
  }
}

type Encoding = 'component' | 'raw' | 'double';
interface ParamPlan {
  mode: 'real' | 'valid' | 'hostile';
  valid: unknown;
  hostile: string;
  encoding: Encoding;
  n: number;
}
const paramPlan = (s: JsonSchema): fc.Arbitrary<ParamPlan> =>
  fc.record({
    mode: fc.constantFrom<ParamPlan['mode']>('real', 'real', 'real', 'valid', 'hostile', 'hostile'),
    valid: validArb(s),
    hostile: hostileString,
    encoding: fc.constantFrom<Encoding>('component', 'component', 'component', 'raw', 'double'),
    n: fc.nat(),
  });

interface QueryPlan {
  mode: 'absent' | 'valid' | 'hostile' | 'wrong' | 'repeated';
  valid: unknown;
  hostile: string;
}
const queryPlan = (s: JsonSchema): fc.Arbitrary<QueryPlan> =>
  fc.record({ mode: fc.constantFrom<QueryPlan['mode']>('absent', 'absent', 'valid', 'valid', 'hostile', 'wrong', 'repeated'), valid: validArb(s), hostile: hostileString });

interface RequestPlan {
  /** A clean request: real or valid parameters, a schema-valid body, nothing extra — to get past validation. */
  clean: boolean;
  identity: IdentityName;
  path: ParamPlan[];
  query: QueryPlan[];
  extraQuery: [string, string] | null;
  rawQuery: string | null;
  body: BodyPlan;
  validBody: unknown;
  multipart: MultipartPlan | null;
  english: boolean;
  headerNoise: string | null;
}

/** `arb` once in `1 + rest` times, null otherwise. */
const sometimes = <T>(arb: fc.Arbitrary<T>, rest: number) => fc.oneof({ weight: rest, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: arb });

function requestPlan(op: Operation): fc.Arbitrary<RequestPlan> {
  const pathParams = op.parameters.filter((p) => p.in === 'path');
  const queryParams = op.parameters.filter((p) => p.in === 'query');
  return fc.record({
    clean: fc.oneof({ weight: 1, arbitrary: fc.constant(true) }, { weight: 2, arbitrary: fc.constant(false) }),
    identity: identityArb(op),
    path: fc.tuple(...pathParams.map((p) => paramPlan(p.schema))),
    query: fc.tuple(...queryParams.map((p) => queryPlan(p.schema))),
    extraQuery: sometimes(fc.tuple(fc.oneof(fc.constantFrom('foo', '__proto__[x]', 'limit[]', 'constructor'), hostileString), hostileString), 5),
    rawQuery: sometimes(fc.constantFrom('%', 'a=%zz', '&&&=&', '=', 'a[b][c][d][e]=1', '__proto__[polluted]=1', `x=${'%41'.repeat(5000)}`, 'limit=1&limit=2&limit=abc'), 9),
    body: bodyPlan(op),
    validBody: op.bodySchema ? validArb(op.bodySchema) : fc.constant(undefined),
    multipart: op.key === 'POST /api/v1/uploads' ? multipartPlan.map((m) => m as MultipartPlan | null) : fc.constant(null),
    english: fc.boolean(),
    headerNoise: sometimes(fc.constantFrom('../../etc/passwd', "' OR 1=1--", '<script>', 'x'.repeat(8000), '%00'), 5),
  });
}

interface Built {
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string | Buffer;
  note: string;
}

/** encodeURIComponent that takes lone surrogates too (as UTF-8 of U+FFFD, as a browser sends them). */
const percent = (s: string) => [...Buffer.from(s, 'utf8')].map((b) => (/[A-Za-z0-9\-_.!~*'()]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`)).join('');
const asText = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v) ?? '');
/** Header values can only carry latin-1 without controls. */
const headerSafe = (s: string) => s.replace(/[^\x20-\x7e\x80-\xff]/g, '?');

function build(op: Operation, plan: RequestPlan, k: Known, auth: Record<IdentityName, Record<string, string>>, validPng: Buffer): Built {
  const notes: string[] = [];
  const pathParams = op.parameters.filter((p) => p.in === 'path');
  let url = op.path;
  pathParams.forEach((p, i) => {
    const pp = plan.path[i]!;
    const real = realPathValues(op, p.name, k);
    let value: string;
    const mode = plan.clean ? 'real' : pp.mode;
    if (mode === 'real' && real.length) value = real[pp.n % real.length]!;
    else if (mode === 'hostile') value = pp.hostile;
    else value = asText(pp.valid);
    let encoded = percent(value);
    if (!plan.clean && pp.encoding === 'raw') encoded = value.replace(/[?#\s]/g, percent);
    if (!plan.clean && pp.encoding === 'double') encoded = percent(percent(value));
    if (mode !== 'real') notes.push(`path ${p.name}: ${mode}/${plan.clean ? 'component' : pp.encoding}`);
    url = url.replace(`{${p.name}}`, () => encoded || '%20');
  });
  const query = new URLSearchParams();
  op.parameters
    .filter((p) => p.in === 'query')
    .forEach((p, i) => {
      const q = plan.query[i]!;
      if (q.mode === 'absent') return;
      if (plan.clean) return void query.append(p.name, asText(q.valid));
      if (q.mode === 'valid') query.append(p.name, asText(q.valid));
      else if (q.mode === 'hostile') query.append(p.name, q.hostile);
      else if (q.mode === 'wrong') query.append(p.name, p.schema.type === 'string' ? '' : 'abc');
      else {
        query.append(p.name, asText(q.valid));
        query.append(p.name, q.hostile);
      }
    });
  if (plan.clean) notes.push('clean');
  if (plan.extraQuery && !plan.clean) query.append(plan.extraQuery[0], plan.extraQuery[1]);
  const qs = [query.toString(), plan.clean ? null : plan.rawQuery].filter(Boolean).join('&');
  if (qs) url += `?${qs}`;

  const headers: Record<string, string> = { ...auth[plan.identity] };
  if (plan.english) headers['accept-language'] = 'en';
  if (plan.headerNoise && !plan.clean) {
    headers['x-request-id'] = headerSafe(plan.headerNoise);
    headers['idempotency-key'] = headerSafe(plan.headerNoise);
  }
  let payload: string | Buffer | undefined;
  if (plan.multipart) {
    const m = buildMultipart(plan.multipart, validPng);
    payload = m.payload;
    headers['content-type'] = m.contentType;
    notes.push(`multipart: ${plan.multipart.files.length} file(s), ${plan.multipart.breakage}`);
  } else {
    const b: BodyPlan = plan.clean && op.bodySchema ? { kind: 'json', value: plan.validBody, note: 'schema-valid body' } : plan.body;
    const form = op.bodyType === 'application/x-www-form-urlencoded';
    const encode = (v: Json) => {
      if (!form) return JSON.stringify(v) ?? 'null';
      const f = new URLSearchParams();
      if (v && typeof v === 'object' && !Array.isArray(v)) for (const [key, x] of Object.entries(v)) for (const item of Array.isArray(x) ? x : [x]) f.append(key, asText(item));
      else f.append('value', asText(v));
      return f.toString();
    };
    if (b.kind === 'json') {
      payload = encode(b.value);
      headers['content-type'] = op.bodyType ?? 'application/json';
    } else if (b.kind === 'raw') {
      payload = b.text;
      if (b.contentType) headers['content-type'] = b.contentType;
    } else if (b.kind === 'big') {
      payload = encode(b.at.length ? setAt(b.value, b.at, materialise(b.big)) : materialise(b.big));
      headers['content-type'] = op.bodyType ?? 'application/json';
    }
    if (b.kind !== 'none') notes.push(b.note);
  }
  return { method: op.method, url, headers, ...(payload !== undefined ? { payload } : {}), note: notes.join('; ') };
}

// ---------------------------------------------------------------------------------------------------------------
// What every answer must be.

interface Answer {
  statusCode: number;
  headers: Record<string, unknown>;
  body: string;
}

/** Problems with an answer, or [] when it is as it must be. */
function answerProblems(url: string, res: Answer): string[] {
  const s = res.statusCode;
  if (s >= 500) return [`a ${s} answer`];
  if (s < 400) return [];
  const type = String(res.headers['content-type'] ?? '');
  // Where the request really went: dot segments of a path (also percent-encoded) are resolved before routing.
  const path = new URL(url, 'http://x').pathname;
  if (path.startsWith('/open311/v2/')) {
    const json = /\.json$/i.test(url.split('?')[0] ?? '');
    if (json) {
      if (!type.startsWith('application/json')) return [`Open311 JSON error with content-type ${type}`];
      let list: unknown;
      try {
        list = JSON.parse(res.body);
      } catch {
        return ['Open311 JSON error body does not parse'];
      }
      if (!Array.isArray(list) || list.length === 0) return ['Open311 JSON error is not a non-empty array'];
      return list.flatMap((e: { code?: unknown; description?: unknown }) =>
        e.code === String(s) && typeof e.description === 'string' && e.description.length > 0 ? [] : [`Open311 JSON error item ${JSON.stringify(e)} (status ${s})`],
      );
    }
    if (!type.startsWith('text/xml')) return [`Open311 XML error with content-type ${type}`];
    const items = [...res.body.matchAll(/<error>\s*<code>(\d+)<\/code>\s*<description>([^<]+)<\/description>\s*<\/error>/g)];
    if (!/^<\?xml[^>]*\?>\s*<errors>/.test(res.body) || items.length === 0) return ['Open311 XML error is not <errors><error><code/><description/></error></errors>'];
    return items.every((m) => m[1] === String(s)) ? [] : [`Open311 XML error codes ${items.map((m) => m[1]).join(',')} (status ${s})`];
  }
  if (!type.startsWith('application/problem+json')) return [`a ${s} with content-type ${type || '(none)'}, not application/problem+json`];
  let p: Record<string, unknown>;
  try {
    p = JSON.parse(res.body) as Record<string, unknown>;
  } catch {
    return ['problem body does not parse'];
  }
  const out: string[] = [];
  for (const f of ['type', 'title', 'detail'] as const) if (typeof p[f] !== 'string' || (p[f] as string).length === 0) out.push(`problem without ${f}`);
  if (p.status !== s) out.push(`problem status ${String(p.status)} ≠ HTTP ${s}`);
  return out;
}

const excerpt = (v: string | Buffer | undefined, n = 300) => {
  if (v === undefined) return '(none)';
  const s = typeof v === 'string' ? v : v.toString('latin1');
  return JSON.stringify(s.length > n ? `${s.slice(0, n)}… (${s.length} chars)` : s);
};

async function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms: ${what}`)), ms);
  });
  try {
    return await Promise.race([p, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

// ---------------------------------------------------------------------------------------------------------------

test(`R-4.5 R-14 fuzzing every operation of the OpenAPI document (${SIZE}: ≥ ${TARGET} requests, seed ${SEED}): no 5xx, every 4xx is problem+json (Open311: its own error format)`, { timeout: SIZE === 'full' ? 3 * 3600_000 : 600_000 }, async () => {
  const started = Date.now();
  const t = await testApp({
    // The limiter must not answer everything with 429; logs at warn (a 100,000-request run would keep every line).
    config: { rateLimitPerMinute: 1_000_000, logLevel: 'warn', sessionTtlHours: 24 * 60, open311MediaFetchTimeoutMs: 200 },
  });
  const { app, ctx, clock } = t;
  clock.set(vietnamTime(2026, 3, 2, 9, 0));
  const agency = async (code: string) => (await findAgency(ctx.db, { code }))!;
  const center = await agency('trung-tam-phuc-vu-hanh-chinh-cong');
  const hoanKiem = await agency('ubnd-phuong-hoan-kiem');
  const sxd = await agency('so-xay-dung');

  // Identities: every staff role in an agency where it makes sense, a verified citizen, and forged sessions.
  const staffAgency: Record<StaffRole, string> = {
    administrator: center.id,
    center_operator: center.id,
    agency_head: sxd.id,
    receiving_officer: hoanKiem.id,
    processing_officer: hoanKiem.id,
    commune_leader: hoanKiem.id,
    alert_editor: hoanKiem.id,
    alert_approver: hoanKiem.id,
    city_overseer: center.id,
    reception_officer: (await agency('ban-tiep-cong-dan-thanh-pho')).id,
  };
  const auth: Partial<Record<IdentityName, Record<string, string>>> = {
    anonymous: {},
    'forged-bearer': { authorization: 'Bearer aGVsbG8.d29ybGQ' },
    'forged-cookie': { cookie: "ihanoi_session=' OR 1=1--; ihanoi_session=../../x" },
  };
  for (const role of STAFF) auth[role] = (await signedInStaff(app, staffAgency[role], role)).h;
  const citizen = await createCitizen(app, { verified: true });
  auth.citizen = await signInHeaders(app, citizen.phone);

  // Resources that exist, so that path parameters can find them.
  const validPng = await png(32, 24);
  const up = await upload(app, auth.citizen, [{ name: 'o-ga.png', bytes: validPng }]);
  assert.equal(up.statusCode, 201, up.body);
  const uploadId = up.json().items[0].id as string;
  const rep = await app.inject({ method: 'POST', url: '/api/v1/reports', headers: auth.citizen, payload: fieldReportBody({ media: [uploadId] }) });
  assert.equal(rep.statusCode, 201, rep.body);
  const draft = {
    kind: 'warning', category: 'Met', severity: 'Severe', urgency: 'Expected', title: 'Cảnh báo mưa lớn và ngập úng',
    body: 'Từ chiều nay đến hết ngày mai, Hà Nội có mưa to đến rất to. Người dân hạn chế ra đường ở các tuyến phố thường xuyên ngập.', expiresAt: '2026-03-04T18:00:00+07:00',
  };
  const sentAlert = await app.inject({ method: 'POST', url: '/api/v1/alerts', headers: auth.alert_editor, payload: draft });
  assert.equal(sentAlert.statusCode, 201, sentAlert.body);
  const submitted = await app.inject({ method: 'POST', url: `/api/v1/alerts/${sentAlert.json().id}/actions`, headers: auth.alert_editor, payload: { action: 'submit', version: sentAlert.json().version } });
  const approved = await app.inject({ method: 'POST', url: `/api/v1/alerts/${sentAlert.json().id}/actions`, headers: auth.alert_approver, payload: { action: 'approve', version: submitted.json().version } });
  assert.equal(approved.statusCode, 200, approved.body);
  const alertDraft = await app.inject({ method: 'POST', url: '/api/v1/alerts', headers: auth.alert_editor, payload: { ...draft, title: 'Thông báo lịch cắt điện' } });
  const hook = await app.inject({ method: 'POST', url: '/api/v1/admin/webhooks', headers: auth.administrator, payload: { url: 'http://127.0.0.1:9/hook', events: ['report.published'] } });
  assert.equal(hook.statusCode, 201, hook.body);
  const known = await app.inject({ method: 'POST', url: '/api/v1/admin/known-images', headers: auth.administrator, payload: { image: (await scenePhoto(5)).toString('base64'), label: 'Ảnh báo chí' } });
  assert.equal(known.statusCode, 201, known.body);
  const org = await createCitizen(app, { verified: true });
  const key = await app.inject({ method: 'POST', url: '/api/v1/admin/integration-keys', headers: auth.administrator, payload: { name: 'Ứng dụng thử', accountId: org.id } });
  assert.equal(key.statusCode, 201, key.body);
  const services = JSON.parse((await app.inject({ url: '/open311/v2/services.json' })).body) as { service_code: string }[];
  const receptionSession = await app.inject({
    method: 'POST',
    url: '/api/v1/reception/sessions',
    headers: auth.reception_officer,
    payload: { startsAt: '2026-03-10T08:00:00+07:00', endsAt: '2026-03-10T11:00:00+07:00', place: 'Số 1 Trần Hưng Đạo', receiver: 'Phó Chủ tịch UBND Thành phố', capacity: 50 },
  });
  assert.equal(receptionSession.statusCode, 201, receptionSession.body);
  const receptionBooking = await app.inject({
    method: 'POST',
    url: '/api/v1/me/reception/bookings',
    headers: auth.citizen,
    payload: { sessionId: receptionSession.json().id, summary: 'Đề nghị giải quyết việc cấp giấy chứng nhận quyền sử dụng đất', category: 'land', handledElsewhere: false },
  });
  assert.equal(receptionBooking.statusCode, 201, receptionBooking.body);
  const publicSha = (await ctx.db.selectFrom('uploads').select('public_sha256').where('id', '=', uploadId).executeTakeFirstOrThrow()).public_sha256!;
  const known_: Known = {
    reportId: rep.json().id,
    reportCode: rep.json().code,
    alertId: alertDraft.json().id,
    alertDoc: `${approved.json().code}.xml`,
    uploadId,
    publicSha,
    webhookId: hook.json().id,
    knownImageId: known.json().id,
    keyId: key.json().id,
    receptionSessionId: receptionSession.json().id,
    receptionBookingId: receptionBooking.json().id,
    agencyId: hoanKiem.id,
    otherAgencyId: sxd.id,
    categoryCode: 'hu-hong-mat-duong',
    serviceCode: services[0]!.service_code,
    unit: { version: '2025-07', code: hoanKiem.jurisdiction[0]!.code },
  };
  // The alert stream of a resident never ends: the citizen has no residence (the stream then answers 400), and the
  // fuzzer may set one with PATCH /api/v1/me — undone before each stream request.
  let clockReads = 0;
  const now = clock.now.bind(clock);
  clock.now = () => {
    clockReads += 1;
    return now();
  };
  const resetResidence = () => updateUser(ctx.db, citizen.id, { residence_structure_version: null, residence_unit_code: null });

  const ops = operationsOf(app.swagger() as never);
  assert.ok(ops.length >= 90, `the OpenAPI document lists ${ops.length} operations`);
  const perOp = Math.ceil(TARGET / ops.length);
  console.log(`# fuzz: size ${SIZE}, seed ${SEED} (FUZZ_SEED), ${ops.length} operations × ${perOp} requests`);

  /** For a 5xx: what the server logged about it (the error and where it came from). */
  const logged = (res: Answer) => {
    const id = String(res.headers['x-request-id'] ?? '');
    if (res.statusCode < 500 || !id) return '';
    const lines = t.logs().split('\n').filter((l) => l.includes(id) && /"level":50/.test(l));
    return lines.map((l) => `\n    log: ${l.slice(0, 1500)}`).join('');
  };
  const statuses = new Map<number, number>();
  const byIdentity = new Map<string, Map<number, number>>();
  const reached = new Map<string, number>(); // requests that passed validation (and the access check when signed in)
  const failures: string[] = [];
  let sent = 0;
  const bump = (m: Map<number, number>, s: number) => m.set(s, (m.get(s) ?? 0) + 1);

  for (const [i, op] of ops.entries()) {
    // One sample per operation, from the seed and the operation's place: the same seed sends the same requests.
    const plans = fc.sample(requestPlan(op), { seed: SEED + i * 7919, numRuns: perOp });
    for (const plan of plans) {
      const req = build(op, plan, known_, auth as Record<IdentityName, Record<string, string>>, validPng);
      if (op.key === 'GET /api/v1/me/alerts/stream') await resetResidence();
      const describe = () => `${req.method} ${req.url.length > 400 ? `${req.url.slice(0, 400)}…` : req.url} as ${plan.identity} [${req.note}] headers=${excerpt(JSON.stringify(req.headers), 200)} body=${excerpt(req.payload)}`;
      let res: Answer;
      const before = clockReads;
      try {
        res = await withTimeout(app.inject({ method: req.method as 'GET', url: req.url, headers: req.headers, ...(req.payload !== undefined ? { payload: req.payload } : {}) }), REQUEST_TIMEOUT_MS, describe());
      } catch (err) {
        failures.push(`${describe()}\n    → threw ${(err as Error).message}`);
        continue;
      }
      sent += 1;
      bump(statuses, res.statusCode);
      if (!byIdentity.has(plan.identity)) byIdentity.set(plan.identity, new Map());
      bump(byIdentity.get(plan.identity)!, res.statusCode);
      // Past validation and past the access check: the request reached what the operation does. Schema validation
      // runs before the session is looked up (which reads the clock), so a 400 after a clock read came from the
      // operation itself, not from its schema.
      const code = /problem\+json/.test(String(res.headers['content-type'])) ? (JSON.parse(res.body) as { code?: string }).code : undefined;
      const past = code === 'INVALID_CREDENTIALS' || (![401, 403, 413, 415, 429].includes(res.statusCode) && (res.statusCode !== 400 || clockReads > before));
      if (past) reached.set(op.key, (reached.get(op.key) ?? 0) + 1);
      const problems = answerProblems(req.url, res);
      if (problems.length) failures.push(`${describe()}\n    → ${problems.join('; ')}: ${res.statusCode} ${String(res.headers['content-type'] ?? '')} ${excerpt(res.body, 400)}${logged(res)}`);
    }
  }

  // A few requests outside the document: unknown paths and methods under every prefix.
  for (const url of ['/api/v1/nope', '/api/v1/reports/../../etc/passwd', '/open311/v2/nope.json', '/open311/v2/nope.xml', '/open311/v2/requests.csv', '/cap/nope', '/api/v1/%', '/api/v1/\u0000', `/api/v1/${'a'.repeat(10_000)}`]) {
    for (const method of ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'] as const) {
      const res = await app.inject({ method, url, headers: { 'content-type': 'application/json' }, payload: method === 'GET' || method === 'OPTIONS' ? undefined : '{}' });
      sent += 1;
      bump(statuses, res.statusCode);
      const problems = answerProblems(url, res);
      if (problems.length) failures.push(`${method} ${url.slice(0, 120)}\n    → ${problems.join('; ')}: ${res.statusCode} ${excerpt(res.body)}`);
    }
  }

  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const fmt = (m: Map<number, number>) => [...m].sort((a, b) => a[0] - b[0]).map(([s, n]) => `${s}×${n}`).join(' ');
  console.log(`# fuzz: ${sent} requests in ${seconds} s; statuses ${fmt(statuses)}`);
  for (const [who, m] of [...byIdentity].sort()) console.log(`#   ${who.padEnd(18)} ${fmt(m)}`);
  if (failures.length) {
    assert.fail(`${failures.length} bad answer(s) (seed ${SEED}); the first ones:\n${failures.slice(0, 15).map((f, n) => `${n + 1}. ${f}`).join('\n')}`);
  }
  assert.doesNotMatch(t.logs(), /"level":50|unhandled error/, 'an error was logged');

  // The test is real: enough requests, a spread of answers, every operation reached past validation and access.
  assert.ok(sent >= TARGET, `${sent} requests sent, ${TARGET} expected`);
  for (const s of [200, 201, 204, 400, 401, 403, 404, 409, 413, 415]) assert.ok((statuses.get(s) ?? 0) > 0, `no ${s} among ${fmt(statuses)}`);
  const signedInStatuses = byIdentity.get('administrator')!;
  assert.ok([...signedInStatuses.keys()].some((s) => s < 300), 'the administrator did something successfully');
  console.log(`# fuzz: requests that got past validation and access, per operation: ${ops.map((op) => `${op.key} ${reached.get(op.key) ?? 0}`).join(', ')}`);
  const unreached = ops.filter((op) => !reached.get(op.key)).map((op) => op.key);
  assert.deepEqual(unreached, [], 'operations never reached past validation (and the access check)');
});
