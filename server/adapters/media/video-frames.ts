/**
 * Frames of a video for near-duplicate search (issue 5 item 2, R-6.2c; ADR 0006 "Videos"), taken with ffmpeg
 * (Debian package `ffmpeg`) when the server has it.
 *
 * Frames are sampled at fixed times (0 s, then every FRAME_EVERY_SECONDS) rather than at the encoder's
 * keyframes: a re-encoded copy of a video places its keyframes elsewhere, but shows the same picture at the
 * same second, so fixed times make the frames of a copy comparable with the original's.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const FRAME_EVERY_SECONDS = 2;
/** Frames taken from one video at most (the first 20 s at one frame every 2 s). */
export const FRAMES_MAX = 10;
const TIMEOUT_MS = 60_000;

export type SampledFrames =
  | { ok: true; frames: Buffer[] }
  /** no_ffmpeg: the program is not there; unreadable: ffmpeg could not decode the file (the detail says why). */
  | { ok: false; reason: 'no_ffmpeg' | 'unreadable'; detail: string };

function run(ffmpeg: string, args: string[]): Promise<{ error: (Error & { code?: unknown }) | null; stderr: string }> {
  return new Promise((resolve) => {
    execFile(ffmpeg, args, { timeout: TIMEOUT_MS, maxBuffer: 1024 * 1024 }, (error, _stdout, stderr) => resolve({ error, stderr: String(stderr) }));
  });
}

/** Whether `ffmpeg` (a command name or a path) can be run here. */
export async function ffmpegAvailable(ffmpeg: string): Promise<boolean> {
  const { error } = await run(ffmpeg, ['-hide_banner', '-version']);
  return error === null;
}

/**
 * Up to FRAMES_MAX frames of the video at `file` as PNG, at most 256 pixels on the long side, in time order.
 * One thread, no sound: a background job on a server that also answers citizens.
 */
export async function sampleVideoFrames(ffmpeg: string, file: string): Promise<SampledFrames> {
  const dir = await mkdtemp(join(tmpdir(), 'ihanoi-frames-'));
  try {
    const { error, stderr } = await run(ffmpeg, [
      '-nostdin', '-hide_banner', '-loglevel', 'error', '-threads', '1',
      '-i', file,
      '-an', '-sn', '-dn',
      '-vf', `fps=1/${FRAME_EVERY_SECONDS},scale=256:256:force_original_aspect_ratio=decrease`,
      '-frames:v', String(FRAMES_MAX),
      join(dir, 'frame-%03d.png'),
    ]);
    if (error && error.code === 'ENOENT') return { ok: false, reason: 'no_ffmpeg', detail: `${ffmpeg} not found` };
    const names = (await readdir(dir)).filter((n) => n.endsWith('.png')).sort();
    if (error || names.length === 0) return { ok: false, reason: 'unreadable', detail: (stderr.trim() || error?.message || 'no frame decoded').slice(0, 500) };
    return { ok: true, frames: await Promise.all(names.map((n) => readFile(join(dir, n)))) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
