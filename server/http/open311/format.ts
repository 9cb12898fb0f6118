/**
 * Open311 answers in the two formats the spec names, chosen by the path's suffix (`.xml`, `.json`): XML is the
 * spec's required format (built with xmlbuilder2, escaped by it), JSON the same data as arrays and objects.
 * Lists are `<root><item>…</item></root>` in XML and arrays in JSON; nested lists (attributes, values, formats,
 * endpoints) repeat their singular element. Null is an empty element in XML and null in JSON.
 */
import type { FastifyReply } from 'fastify';
import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';

export type Format = 'xml' | 'json';
export type Value = string | number | boolean | null | Value[] | { [key: string]: Value };

/** The element of one member of a nested list. */
const SINGULAR: Readonly<Record<string, string>> = {
  attributes: 'attribute',
  values: 'value',
  formats: 'format',
  endpoints: 'endpoint',
  errors: 'error',
};

const scalar = (v: string | number | boolean) => (typeof v === 'boolean' ? (v ? 'true' : 'false') : String(v));

function append(parent: XMLBuilder, name: string, value: Value): void {
  if (Array.isArray(value)) {
    const list = parent.ele(name);
    const item = SINGULAR[name] ?? 'item';
    for (const v of value) append(list, item, v);
    return;
  }
  const el = parent.ele(name);
  if (value === null) return;
  if (typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) append(el, k, v);
    return;
  }
  el.txt(scalar(value));
}

/** `<root><item>{…}</item>…</root>` for a list, `<root>{…}</root>` for one object. */
export function toXml(root: string, content: { item: string; list: readonly { [key: string]: Value }[] } | { [key: string]: Value }): string {
  const doc = create({ version: '1.0', encoding: 'UTF-8' }).ele(root);
  if ('list' in content && Array.isArray(content.list) && typeof content.item === 'string') {
    for (const entry of content.list as readonly { [key: string]: Value }[]) append(doc, content.item, entry);
  } else {
    for (const [k, v] of Object.entries(content as { [key: string]: Value })) append(doc, k, v);
  }
  return doc.end({ prettyPrint: true });
}

/** Sends a list: XML `<root><item/>…</root>`, JSON an array. */
export function sendList(reply: FastifyReply, format: Format, root: string, item: string, list: readonly { [key: string]: Value }[], status = 200) {
  reply.code(status);
  if (format === 'json') return reply.type('application/json; charset=utf-8').send(JSON.stringify(list));
  return reply.type('text/xml; charset=utf-8').send(toXml(root, { item, list }));
}

/** Sends one object: XML `<root>…</root>`, JSON an object. */
export function sendObject(reply: FastifyReply, format: Format, root: string, value: { [key: string]: Value }, status = 200) {
  reply.code(status);
  if (format === 'json') return reply.type('application/json; charset=utf-8').send(JSON.stringify(value));
  return reply.type('text/xml; charset=utf-8').send(toXml(root, value));
}

/** The format a path asks for; XML (the spec's required format) when it names none we know. */
export function formatOfPath(url: string): Format {
  return /\.json$/i.test(url.split('?')[0] ?? '') ? 'json' : 'xml';
}

/** `name.xml` / `name.json` → [name, format], or null. */
export function splitSuffix(segment: string): { id: string; format: Format } | null {
  const m = /^(.+)\.(xml|json)$/.exec(segment);
  return m ? { id: m[1] as string, format: m[2] as Format } : null;
}
