import { open, truncate, mkdir, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { PredictionRecord } from '../core/types.js';
import { completeLength, forEachJsonl } from './jsonl.js';

interface Known {
  readonly promptHash: string;
  readonly ok: boolean;
}

/**
 * The append-only prediction log of one (model, dataset). Each record is written with a single
 * write of one whole line, so a kill can only tear the last line, which the next open cuts away.
 */
export class PredictionStore {
  private constructor(
    readonly file: string,
    private readonly fh: FileHandle,
    private readonly known: Map<string, Known>,
    readonly tornBytes: number,
  ) {}

  static async open(file: string): Promise<PredictionStore> {
    await mkdir(dirname(file), { recursive: true });
    const known = new Map<string, Known>();
    const keep = await completeLength(file);
    await forEachJsonl(file, (value) => {
      const rec = value as Partial<PredictionRecord>;
      if (typeof rec.index !== 'string' || typeof rec.prompt_hash !== 'string') return;
      known.set(rec.index, { promptHash: rec.prompt_hash, ok: rec.status === 'ok' });
    });
    const fh = await open(file, 'a');
    const size = (await fh.stat()).size;
    if (size > keep) await truncate(file, keep);
    return new PredictionStore(file, fh, known, size - keep);
  }

  /** Answered with this exact prompt and settings: never asked again. */
  isDone(index: string, promptHash: string): boolean {
    const k = this.known.get(index);
    return k !== undefined && k.ok && k.promptHash === promptHash;
  }

  get size(): number {
    return this.known.size;
  }

  async append(record: PredictionRecord): Promise<void> {
    await this.fh.write(`${JSON.stringify(record)}\n`);
    this.known.set(record.index, { promptHash: record.prompt_hash, ok: record.status === 'ok' });
  }

  async close(): Promise<void> {
    await this.fh.close();
  }
}

/** The record that counts for each index: the last one written. */
export async function readLatest(file: string): Promise<Map<string, PredictionRecord>> {
  const latest = new Map<string, PredictionRecord>();
  await forEachJsonl(file, (value) => {
    const rec = value as PredictionRecord;
    if (typeof rec.index === 'string') latest.set(rec.index, rec);
  });
  return latest;
}
