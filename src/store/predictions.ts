import { open, truncate, mkdir, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { diskFullAt } from '../core/errors.js';
import { forEachRecord, recordLine, type PredictionRecord } from '../workdir/records.js';
import { completeLength } from '../workdir/jsonl.js';

interface Pending {
  readonly line: string;
  readonly record: PredictionRecord;
  readonly resolve: () => void;
  readonly reject: (err: unknown) => void;
}

interface Known {
  readonly promptHash: string;
  readonly ok: boolean;
}

/**
 * The append-only prediction log of one (model, dataset). Records are written as whole lines (one
 * write for the lines that arrived together), so a kill can only tear the last line, which the next
 * open cuts away.
 */
export class PredictionStore {
  private readonly pending: Pending[] = [];
  private writing = false;
  private draining: Promise<void> = Promise.resolve();
  private writeFailed: unknown;

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
    await forEachRecord(file, (rec) => known.set(rec.index, { promptHash: rec.prompt_hash, ok: rec.status === 'ok' }));
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

  /**
   * Resolves once the record's line is in the file. Lines appended while a write is under way go
   * out together in the next write, whole lines only: as with one write per line, a kill can only
   * tear the last line. (A write per line cost ~0.1 ms of CPU per answer, a fifth of a request.)
   */
  append(record: PredictionRecord): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ line: recordLine(record), record, resolve, reject });
      if (!this.writing) this.draining = this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.writing = true;
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0);
      try {
        // A failed write (a full disk) may have left part of a line: nothing more is written after
        // it, so it stays the torn last line the next open cuts away, never a line mid-file.
        if (this.writeFailed !== undefined) throw this.writeFailed;
        // writeFile, not write: write() may store part of the text on a full disk and not say so.
        await this.fh.writeFile(batch.length === 1 ? (batch[0] as Pending).line : batch.map((p) => p.line).join(''));
      } catch (err) {
        this.writeFailed ??= diskFullAt(this.file, err);
        for (const p of batch) p.reject(this.writeFailed);
        continue;
      }
      for (const { record, resolve } of batch) {
        this.known.set(record.index, { promptHash: record.prompt_hash, ok: record.status === 'ok' });
        resolve();
      }
    }
    this.writing = false;
  }

  async close(): Promise<void> {
    await this.draining;
    await this.fh.close();
  }
}
