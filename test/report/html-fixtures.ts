/**
 * A work dir made by hand for the report tests: a real MCQ TSV with small drawn PNGs, and two
 * models' prediction stores with every kind of row the item filters separate (right, wrong,
 * unextracted, failed, truncated, markup that must not run). `actial-eval score` then writes the
 * scores and summaries with the real pipelines, so the report reads what a run would leave.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { existsSync } from 'node:fs';
import { filesFingerprint } from '../../src/workdir/fingerprint.js';

export const ROWS = 24;
export const MODELS = ['base-ckpt', 'tuned-ckpt'] as const;
export const HOSTILE_QUESTION = 'Item 0 <img src=x onerror="window.__pwned=2"> which box is left?';
export const HOSTILE_ANSWER = '<script>window.__pwned=1</script>';
/** Rows of base-ckpt that failed. */
export const FAILED_ROWS = [7, 11];

const gold = (i: number): string => 'ABCD'[i % 4] ?? 'A';
const other = (i: number): string => 'ABCD'[(i + 1) % 4] ?? 'B';

// ------------------------------------------------------------------ PNG

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = (CRC_TABLE[(c ^ b) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** A 96×72 scene: sky, ground, and a coloured box whose place depends on `k`. */
export function scenePng(k: number): Buffer {
  const w = 96;
  const h = 72;
  const colors: readonly (readonly [number, number, number])[] = [[214, 39, 40], [44, 160, 44], [31, 119, 180], [255, 127, 14]];
  const box = colors[k % colors.length] ?? [0, 0, 0];
  const bx = 8 + ((k * 17) % 60);
  const raw = Buffer.alloc((w * 3 + 1) * h);
  for (let y = 0; y < h; y++) {
    raw[y * (w * 3 + 1)] = 0;
    for (let x = 0; x < w; x++) {
      const inBox = x >= bx && x < bx + 22 && y >= 30 && y < 52;
      const px = inBox ? box : y >= 50 ? [120, 100, 70] : [170, 205, 235];
      raw.set(px, y * (w * 3 + 1) + 1 + x * 3);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

// ------------------------------------------------------------------ data and stores

function question(i: number): string {
  return i === 0 ? HOSTILE_QUESTION : `Item ${i}: where is the box relative to the camera?`;
}

const OPTIONS = ['on the left', 'on the right', 'in front', 'behind'] as const;

async function writeTsv(file: string, rows: number): Promise<void> {
  const lines = ['index\timage\tquestion\tA\tB\tC\tD\tanswer\tcategory'];
  for (let i = 0; i < rows; i++) {
    lines.push([String(i), scenePng(i).toString('base64'), question(i), ...OPTIONS, gold(i), i % 2 === 0 ? 'relation' : 'depth'].join('\t'));
  }
  await writeFile(file, `${lines.join('\n')}\n`);
}

interface Row {
  readonly prediction: string;
  readonly status?: 'ok' | 'failed';
  readonly raw?: string;
  readonly finish?: string;
  readonly error?: string;
}

function baseRow(i: number): Row {
  if (FAILED_ROWS.includes(i)) return { prediction: '', status: 'failed', error: 'HTTP 500: upstream <b>exploded</b>' };
  if (i === 0) return { prediction: HOSTILE_ANSWER };
  if (i % 3 === 0) return { prediction: gold(i) };
  if (i % 5 === 2) return { prediction: 'I cannot tell from this picture.' };
  return { prediction: other(i) };
}

function tunedRow(i: number): Row {
  const letter = i % 4 !== 3 ? gold(i) : other(i);
  if (i === 3) return { prediction: '', raw: `<think>${'Let me look again. '.repeat(300)}`, finish: 'length' };
  return { prediction: letter, raw: `<think>The box is ${OPTIONS['ABCD'.indexOf(letter)] ?? ''}.</think><answer>${letter}</answer>` };
}

function record(i: number, row: Row): Record<string, unknown> {
  const status = row.status ?? 'ok';
  return {
    index: String(i),
    prompt_hash: `p${i}`.padEnd(16, '0'),
    settings_hash: 's'.padEnd(16, '0'),
    status,
    prediction: row.prediction,
    ...(row.raw !== undefined ? { raw_prediction: row.raw } : {}),
    ...(row.error !== undefined ? { error: row.error, error_kind: 'transient', http_status: 500 } : {}),
    finish_reason: status === 'failed' ? null : (row.finish ?? 'stop'),
    usage: status === 'failed' ? null : { prompt_tokens: 100, completion_tokens: row.finish === 'length' ? 2048 : 20 + i, total_tokens: 120 + i },
    latency_ms: 5,
    attempts: status === 'failed' ? 3 : 1,
    time: '2026-01-01T00:00:00.000Z',
    question: `${question(i)}\nOptions:\n${OPTIONS.map((o, k) => `${'ABCD'[k]}. ${o}`).join('\n')}`,
    answer: gold(i),
    choices: OPTIONS.map((text, k) => ({ letter: 'ABCD'[k], text })),
    fields: { category: i % 2 === 0 ? 'relation' : 'depth' },
  };
}

async function writeStore(work: string, model: string, dataset: string, dataFile: string, rows: number, rowOf: (i: number) => Row): Promise<void> {
  const dir = join(work, model);
  await mkdir(dir, { recursive: true });
  const lines = Array.from({ length: rows }, (_, i) => JSON.stringify(record(i, rowOf(i))));
  await writeFile(join(dir, `${model}_${dataset}.jsonl`), `${lines.join('\n')}\n`);
  // A header as the version before run-header@2 wrote it (no `schema`, the file as a string).
  const fingerprint = existsSync(dataFile) ? await filesFingerprint([dataFile]) : 'sha256-edges:deleted';
  const meta = { config_hash: 'c'.repeat(16), dataset_file: dataFile, dataset_fingerprint: fingerprint, settings: { temperature: 0, max_tokens: 2048, model }, endpoint_model: model, benchmark: 'image-mcq', dataset_name: dataset, circular: false, extract: null, dataset_rows: rows };
  await writeFile(join(dir, `${model}_${dataset}.meta.json`), `${JSON.stringify(meta, null, 2)}\n`);
}

/**
 * Writes `root/data/Shapes.tsv` and the stores of both models under `root/work` for two datasets:
 * `Shapes` (data file present: thumbnails) and `Gone` (its data file was deleted: no thumbnails).
 * Run `actial-eval score --work-dir root/work` afterwards.
 */
export async function writeReportWorkDir(root: string): Promise<{ work: string; data: string }> {
  const data = join(root, 'data');
  const work = join(root, 'work');
  await mkdir(data, { recursive: true });
  await writeTsv(join(data, 'Shapes.tsv'), ROWS);
  for (const [model, rowOf] of [[MODELS[0], baseRow], [MODELS[1], tunedRow]] as const) {
    await writeStore(work, model, 'Shapes', join(data, 'Shapes.tsv'), ROWS, rowOf);
    await writeStore(work, model, 'Gone', join(data, 'Gone.tsv'), 5, rowOf);
  }
  return { work, data };
}
