/**
 * The judge's verdicts of one (model, dataset), kept in `M/M_D_judge.jsonl` so a rerun never asks
 * again. Append-only, one whole line per write: a kill can only tear the last line, which the
 * next open cuts away (as the prediction store does). The key covers everything the verdict
 * depends on, so a new judge model, prompt version or prediction is a miss, never a stale hit.
 */
import { mkdir, open, stat, truncate, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Choice } from '../../core/types.js';
import { sha256, stableJson } from '../../core/hash.js';
import { completeLength, readJsonl } from '../../store/jsonl.js';

export interface CachedVerdict {
  readonly key: string;
  /** Row index it was first asked for (the key, not the index, identifies it). */
  readonly index: string;
  readonly judge_model: string;
  readonly prompt_version: string;
  /** The option letter, or null when the judge could not decide. */
  readonly verdict: string | null;
  /** The judge's last reply, shortened, for audits. */
  readonly reply: string;
  /** Judge requests it took (a reply that was not a letter is asked once more). */
  readonly asks: number;
  readonly time: string;
}

export interface VerdictKeyParts {
  readonly judgeModel: string;
  readonly promptVersion: string;
  readonly question: string;
  readonly choices: readonly Choice[];
  readonly prediction: string;
  /** The correct answer the prompt shows the judge, when it shows one. */
  readonly gold?: string;
}

/** A prompt without a gold keeps the key it always had, so existing caches stay valid. */
export function verdictKey(p: VerdictKeyParts): string {
  const parts = [p.judgeModel, p.promptVersion, p.question, p.choices, p.prediction];
  return sha256(stableJson(p.gold === undefined ? parts : [...parts, p.gold]));
}

export class VerdictCache {
  /** Opened by the first append; a promise, so concurrent first appends share one handle. */
  private fh: Promise<FileHandle> | undefined;

  private constructor(
    private readonly file: string,
    private readonly verdicts: Map<string, string | null>,
  ) {}

  /** Reads what is cached; the file is only created by the first append. */
  static async open(file: string): Promise<VerdictCache> {
    const verdicts = new Map<string, string | null>();
    const keep = await completeLength(file);
    for await (const { value } of readJsonl(file)) {
      const v = value as Partial<CachedVerdict>;
      if (typeof v.key === 'string' && (typeof v.verdict === 'string' || v.verdict === null)) verdicts.set(v.key, v.verdict);
    }
    // A torn last line (a kill mid-write) is cut away, so the next append starts a whole line.
    if ((await sizeOf(file)) > keep) await truncate(file, keep);
    return new VerdictCache(file, verdicts);
  }

  /** undefined = never asked; null = asked, undecided. */
  get(key: string): string | null | undefined {
    return this.verdicts.get(key);
  }

  async append(v: CachedVerdict): Promise<void> {
    this.fh ??= mkdir(dirname(this.file), { recursive: true }).then(() => open(this.file, 'a'));
    await (await this.fh).write(`${JSON.stringify(v)}\n`);
    this.verdicts.set(v.key, v.verdict);
  }

  async close(): Promise<void> {
    const fh = this.fh;
    this.fh = undefined;
    await (await fh)?.close();
  }
}

async function sizeOf(file: string): Promise<number> {
  try {
    return (await stat(file)).size;
  } catch {
    return 0;
  }
}
