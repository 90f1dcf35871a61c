/**
 * Tiny real MP4s made by ffmpeg for the tests (a few kilobytes each): frame k's left half has luma
 * 16 + 13·(k mod 16), its right half 16 + 13·⌊k / 16⌋, so a decoded frame tells which frame it is
 * (for up to 256 frames) without any JavaScript decoder.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

let listCount = 0;

export interface TinyVideo {
  readonly frames: number;
  /** Frame rate as ffmpeg's rational, e.g. `10` or `30000/1001`. */
  readonly rate: string;
}

export function makeVideo(file: string, v: TinyVideo): void {
  const luma = "if(lt(X,W/2),16+13*mod(N,16),16+13*floor(N/16))";
  execFileSync('ffmpeg', [
    '-v', 'error', '-y', '-f', 'lavfi', '-i', `nullsrc=s=32x32:r=${v.rate},geq=lum='${luma}':cb=128:cr=128`,
    '-frames:v', String(v.frames), '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', file,
  ]);
}

/** Frames the decoder really yields (ffprobe decodes them all: not the container's claim). */
export function decodedFrameCount(file: string): number {
  const out = execFileSync('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-count_frames', '-show_entries', 'stream=nb_read_frames', '-of', 'csv=p=0', file]);
  return Number(out.toString().trim());
}

/**
 * Which source frame each JPEG (written from one of these videos) shows: ffmpeg decodes them all in
 * one call to raw 8-bit grey (32×32 bytes each); JPEG luma is full range, so the 16–235 scaling is undone.
 */
export function frameNumbersOf(jpegs: readonly string[]): number[] {
  const list = join(dirname(jpegs[0] ?? '.'), '..', `list-${process.pid}-${listCount++}.txt`);
  writeFileSync(list, jpegs.map((f) => `file '${f}'\n`).join(''));
  const args = ['-v', 'error', '-f', 'concat', '-safe', '0', '-i', list, '-vsync', '0', '-f', 'rawvideo', '-pix_fmt', 'gray', '-'];
  const raw = execFileSync('ffmpeg', args, { maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'ignore'] });
  rmSync(list);
  if (raw.length !== jpegs.length * 32 * 32) throw new Error(`ffmpeg decoded ${raw.length} bytes for ${jpegs.length} frames`);
  const size = 32 * 32;
  const level = (sum: number, n: number): number => Math.round(((sum / n) * 219) / 255 / 13);
  return jpegs.map((_, k) => {
    let left = 0;
    let right = 0;
    for (let y = 0; y < 32; y++) {
      // Columns away from the middle, where chroma subsampling and the DCT blur the halves together.
      for (let x = 2; x < 12; x++) left += raw[k * size + y * 32 + x] ?? 0;
      for (let x = 20; x < 30; x++) right += raw[k * size + y * 32 + x] ?? 0;
    }
    return level(left, 320) + 16 * level(right, 320);
  });
}

/** A file named .mp4 that is not one (a download cut short): its first bytes, then noise. */
export function damagedVideo(file: string, from: string): void {
  writeFileSync(file, Buffer.concat([readFileSync(from).subarray(0, 600), Buffer.alloc(400, 7)]));
}
