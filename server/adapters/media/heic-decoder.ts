/**
 * HEVC-coded HEIC (every iPhone photo since iOS 11) decoded to RGBA pixels.
 *
 * Why this: sharp's prebuilt libvips reads HEIF headers but has no HEVC decoder (patent licensing), so it
 * cannot decode iPhone photos. `heic-decode` wraps `libheif-js`, libheif + libde265 compiled to WebAssembly: pure
 * JavaScript to install, no native build, runs on Node 20.
 *
 * Why a worker thread: WebAssembly runs on the thread that calls it, and a 12 MP photo takes ~0.5 s (a 48 MP
 * one several seconds) — on the main thread that would stall every request of the server meanwhile. Each
 * decode gets a fresh worker (its WebAssembly memory is returned when it exits); at most
 * `MAX_CONCURRENT_DECODES` run at once, so a report with ten iPhone photos cannot take all memory and cores.
 */
import { Worker } from 'node:worker_threads';

export type HeicDecodeResult =
  | { ok: true; width: number; height: number; /** RGBA, 8 bits per channel, already rotated as displayed. */ rgba: Buffer }
  | { ok: false; reason: 'unavailable' | 'undecodable' | 'timeout'; error: string };

const MAX_CONCURRENT_DECODES = 2;
const WORKER_URL = new URL('./heic-decode.worker.mjs', import.meta.url);

let running = 0;
const waiting: (() => void)[] = [];

export async function decodeHeic(bytes: Uint8Array, timeoutMs = 60_000): Promise<HeicDecodeResult> {
  // A finishing decode hands its slot straight to the next waiter, so `running` never exceeds the cap.
  if (running >= MAX_CONCURRENT_DECODES) await new Promise<void>((resolve) => waiting.push(resolve));
  else running++;
  try {
    return await decodeInWorker(bytes, timeoutMs);
  } finally {
    const next = waiting.shift();
    if (next) next();
    else running--;
  }
}

/** Decodes running and waiting for a slot, for metrics and tests. */
export function heicDecodeLoad(): { running: number; waiting: number } {
  return { running, waiting: waiting.length };
}

type WorkerAnswer = { ok: true; width: number; height: number; data: Uint8ClampedArray } | { ok: false; error: string };

function decodeInWorker(bytes: Uint8Array, timeoutMs: number): Promise<HeicDecodeResult> {
  return new Promise((resolve) => {
    let settled = false;
    const settle = (result: HeicDecodeResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve(result);
    };
    // The bytes are copied into the worker (not transferred): the caller keeps its buffer.
    const worker = new Worker(WORKER_URL, { workerData: { bytes } });
    const timer = setTimeout(() => settle({ ok: false, reason: 'timeout', error: `HEIC decode took over ${timeoutMs} ms` }), timeoutMs);
    worker.once('message', (answer: WorkerAnswer) => {
      if (!answer.ok) return settle({ ok: false, reason: 'undecodable', error: answer.error });
      const { width, height, data } = answer;
      if (data.byteLength !== width * height * 4) return settle({ ok: false, reason: 'undecodable', error: 'unexpected pixel buffer size' });
      settle({ ok: true, width, height, rgba: Buffer.from(data.buffer, data.byteOffset, data.byteLength) });
    });
    // The decoder missing is not the photo's fault; any other crash of the worker (a WebAssembly abort) is.
    worker.once('error', (error: Error & { code?: string }) =>
      settle({ ok: false, reason: error.code === 'ERR_MODULE_NOT_FOUND' ? 'unavailable' : 'undecodable', error: error.message }),
    );
    worker.once('exit', (code) => settle({ ok: false, reason: 'unavailable', error: `HEIC worker exited with code ${code}` }));
  });
}
