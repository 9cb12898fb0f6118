// Decodes one HEIC in a worker thread (see heic-decoder.ts for why a worker). Plain JavaScript on purpose:
// worker threads on Node 20 do not inherit tsx's loader hooks, so a .ts worker would not start under tsx.
import { parentPort, workerData } from 'node:worker_threads';
import decode from 'heic-decode';

// libheif-js reports failures with console.log (handle objects and all) on top of rejecting: the rejection is
// what we answer with, and the server's stdout is its structured log, so the worker's console is muted.
for (const method of ['log', 'info', 'warn', 'error', 'debug']) console[method] = () => {};

try {
  // libheif applies the HEIF transformations (irot/imir/clap): the pixels come out as the photo is displayed.
  const { width, height, data } = await decode({ buffer: workerData.bytes });
  parentPort.postMessage({ ok: true, width, height, data }, [data.buffer]);
} catch (error) {
  parentPort.postMessage({ ok: false, error: error instanceof Error ? error.message : String(error) });
}
