/**
 * Item thumbnails for the HTML report. The work dir stores no images, so they are read again from
 * the dataset file named in the run header (`M/M_D.meta.json`) with the benchmark's own reader, and
 * embedded as data URLs exactly as stored (no decode, no resize). Size is bounded by limits, not by
 * shrinking: only the first items of a dataset get thumbnails, large images are skipped, and a
 * report-wide byte budget stops embedding; each skip is reported in a note, never silently.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { extname } from 'node:path';
import { BENCHMARKS } from '../../../benchmarks/index.js';
import type { ImageBytes } from '../../core/types.js';
import { streamSamples } from '../../data/samples.js';
import type { Located } from '../../data/locate.js';
import { filesFingerprint } from '../../workdir/fingerprint.js';
import { readRunHeaderIfAny } from '../../workdir/header.js';
import { outputPaths } from '../../workdir/paths.js';

export interface ThumbnailLimits {
  /** Items per dataset (the first ones shown) that get their images. */
  readonly items: number;
  /** An image larger than this (bytes as stored) is left out. */
  readonly maxImageBytes: number;
  /** Total bytes of distinct images in one report. */
  readonly totalBytes: number;
}

/** Formats every browser shows from a data URL; anything else is left out rather than shown broken. */
const SHOWABLE = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/bmp']);

/** Distinct images of the whole report, keyed by content, so a rotated circular row reuses its original's bytes. */
export class ImageStore {
  readonly urls = new Map<string, string>();
  private bytes = 0;
  constructor(readonly limits: ThumbnailLimits) {}

  /** The image's key, or why it was left out. */
  add(image: ImageBytes): { key: string } | { skipped: 'size' | 'budget' | 'format' } {
    if (!SHOWABLE.has(image.mime)) return { skipped: 'format' };
    if (image.data.length > this.limits.maxImageBytes) return { skipped: 'size' };
    const key = createHash('sha256').update(image.data).digest('hex').slice(0, 16);
    if (this.urls.has(key)) return { key };
    if (this.bytes + image.data.length > this.limits.totalBytes) return { skipped: 'budget' };
    this.bytes += image.data.length;
    this.urls.set(key, `data:${image.mime};base64,${image.base64 ?? image.data.toString('base64')}`);
    return { key };
  }
}

export interface Thumbnails {
  /** Image keys per item index, in prompt order. */
  readonly byIndex: ReadonlyMap<string, readonly string[]>;
  /** Why some or all thumbnails are missing, when they are. */
  readonly notes: readonly string[];
}

/** Reads the images of the `wanted` items of one (model, dataset) run's data file. */
export async function loadThumbnails(workDir: string, model: string, dataset: string, wanted: readonly string[], store: ImageStore): Promise<Thumbnails> {
  const byIndex = new Map<string, string[]>();
  const pending = new Set(wanted.slice(0, store.limits.items));
  if (pending.size === 0) return { byIndex, notes: [] };
  const source = await dataSource(workDir, model, dataset);
  if ('note' in source) return { byIndex, notes: [source.note] };
  const skipped = { size: 0, budget: 0, format: 0 };
  const notes: string[] = [];
  try {
    for await (const { sample } of streamSamples(source.benchmark, source.located)) {
      if (!pending.delete(sample.index)) continue;
      const keys: string[] = [];
      for (const part of sample.parts) {
        if (part.kind !== 'image') continue;
        const added = store.add(part.image);
        if ('key' in added) keys.push(added.key);
        else skipped[added.skipped]++;
      }
      byIndex.set(sample.index, keys);
      if (pending.size === 0) break;
    }
  } catch (err) {
    notes.push(`thumbnails stopped at a data error: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (skipped.size > 0) notes.push(`${skipped.size} image(s) over ${Math.round(store.limits.maxImageBytes / 1024)} KiB not embedded`);
  if (skipped.budget > 0) notes.push(`${skipped.budget} image(s) not embedded: the report's image budget (${Math.round(store.limits.totalBytes / 1048576)} MiB) is spent`);
  if (skipped.format > 0) notes.push(`${skipped.format} image(s) in a format browsers do not show not embedded`);
  if (wanted.length > store.limits.items) notes.push(`thumbnails for the first ${store.limits.items} items only`);
  return { byIndex, notes };
}

type Source = { readonly benchmark: (typeof BENCHMARKS)[number]; readonly located: Located } | { readonly note: string };

/** The run's data file, when it is still there and still the file the run read. */
async function dataSource(workDir: string, model: string, dataset: string): Promise<Source> {
  const header = await readRunHeaderIfAny(outputPaths(workDir, model, dataset).header);
  if (header === undefined) return { note: 'no run header (M/M_D.meta.json): no thumbnails' };
  const benchmark = BENCHMARKS.find((b) => b.id === header.benchmark);
  if (benchmark === undefined) return { note: 'the run header names no known benchmark: no thumbnails' };
  const files = header.dataset_file;
  const missing = files.find((f) => !existsSync(f));
  if (missing !== undefined) return { note: `data file ${missing} not found: no thumbnails` };
  if ((await filesFingerprint(files)) !== header.dataset_fingerprint) {
    return { note: `data file ${files.join(', ')} changed since the run: no thumbnails (they might not match the answers)` };
  }
  const ext = extname(files[0] ?? '').toLowerCase();
  const format = ext === '.parquet' ? 'parquet' : ext === '.json' ? 'json' : ext === '.jsonl' ? 'jsonl' : ext === '.csv' ? 'csv' : 'tsv';
  return { benchmark, located: { files: [...files], format } };
}
