/** Uploading files in tests as a browser does (multipart/form-data), for the upload and integrity tests. */
import type { App } from '../server/http/app.ts';

export interface FilePart {
  name: string;
  bytes: Buffer;
  /** Form field; `file` unless a test sends it elsewhere. */
  field?: string;
}

/** A multipart/form-data body as a browser sends it, serialised by undici's FormData (no extra package). */
export async function multipart(files: FilePart[], fields: Record<string, string> = {}): Promise<{ payload: Buffer; headers: Record<string, string> }> {
  const form = new FormData();
  for (const f of files) form.append(f.field ?? 'file', new Blob([new Uint8Array(f.bytes)]), f.name);
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  const res = new Response(form);
  return { payload: Buffer.from(await res.arrayBuffer()), headers: { 'content-type': res.headers.get('content-type') ?? '' } };
}

export async function upload(app: App, h: Record<string, string>, files: FilePart[], fields: Record<string, string> = {}) {
  const body = await multipart(files, fields);
  return app.inject({ method: 'POST', url: '/api/v1/uploads', headers: { ...h, ...body.headers }, payload: body.payload });
}
