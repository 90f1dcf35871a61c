import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { EXIT, InputError } from '../core/errors.js';
import { LOCK_FILE, WorkDirLock } from '../store/lock.js';
import { outputPaths, writeAtomic } from '../report/files.js';
import { renderSummaryTable } from '../report/table.js';
import { evaluateDataset, metaPath } from '../run/evaluate-dataset.js';
import { writeLeaderboard } from '../report/leaderboard-file.js';
import { scoringDataset } from '../cli/score.js';
import type { JudgeSession } from '../extract/judge/session.js';
import { planMerge, type PairPlan } from './plan.js';
import { checkRecords, mergeJudgeCaches, writeMergedStore } from './records.js';
import { storedParts, type StoredPart } from './stores.js';

export interface MergeOptions {
  readonly outDir: string;
  readonly shardDirs: readonly string[];
  /** Merge what is there when shards are missing; the result says which it holds. */
  readonly allowMissing: boolean;
  readonly judge?: JudgeSession | undefined;
  readonly print: (text: string) => void;
  readonly warn: (text: string) => void;
}

/**
 * Combines shard work dirs into one and scores the whole: the merged reports are those an unsharded
 * run would have written. Every check runs before anything is written.
 */
export async function mergeShards(opts: MergeOptions): Promise<number> {
  const outDir = resolve(opts.outDir);
  const dirs = opts.shardDirs.map((d) => resolve(d));
  if (dirs.includes(outDir)) throw new InputError(`--out ${outDir} is one of the shard dirs; merge into another dir`);
  const parts: StoredPart[] = [];
  for (const dir of dirs) {
    const found = await storedParts(dir);
    if (found.length === 0) throw new InputError(`${dir}: no stored runs (M/M_D.meta.json) to merge`);
    parts.push(...found);
  }
  const plans = planMerge(parts, opts.allowMissing);
  for (const dir of new Set(dirs)) await refuseRunning(dir);
  const lock = await WorkDirLock.acquire(outDir);
  try {
    const marker = await readMarker(outDir);
    for (const plan of plans) refuseForeignStore(outDir, plan, marker);
    const rows = new Map<PairPlan, number>();
    for (const plan of plans) rows.set(plan, await checkRecords(plan));
    for (const plan of plans) {
      await writeMergedStore(plan, outDir);
      await mergeJudgeCaches(plan, outDir);
      await writeAtomic(metaPath(outDir, plan.model, plan.dataset), `${JSON.stringify(plan.meta, null, 2)}\n`);
      marker.add(storeName(outDir, plan));
      await writeMarker(outDir, marker);
      opts.warn(planLine(plan, rows.get(plan) ?? 0));
    }
    let failed = 0;
    for (const plan of plans) {
      const dataset = scoringDataset(metaPath(outDir, plan.model, plan.dataset), plan.dataset, plan.meta);
      const summary = await evaluateDataset(outDir, plan.model, dataset, { judge: opts.judge, log: opts.print });
      opts.print(renderSummaryTable(summary));
      failed += summary.counts.failed + summary.counts.judge_failed;
    }
    await writeLeaderboard(outDir, opts.print);
    return failed > 0 ? EXIT.failedRequests : EXIT.ok;
  } finally {
    await lock.release();
  }
}

/**
 * A shard dir with a lock file may be in use by a run, perhaps on another machine sharing the
 * filesystem, where its pid means nothing here. So merge neither takes nor breaks a shard's lock
 * (taking it over could delete a live remote run's lock); it only refuses, and never writes there.
 */
async function refuseRunning(dir: string): Promise<void> {
  const file = join(dir, LOCK_FILE);
  let owner: string;
  try {
    owner = (await readFile(file, 'utf8')).trim();
  } catch {
    return;
  }
  throw new InputError(`${dir} is in use by a run (lock file ${file}, pid ${owner || '?'}); wait for it to finish, or delete the lock file if no run uses that dir`);
}

function planLine(plan: PairPlan, rows: number): string {
  const from = plan.parts.map((p) => p.dir).join(', ');
  const missing = plan.missing.length > 0 ? `; shard(s) ${plan.missing.join(', ')} missing: the result is partial` : '';
  const unsized = plan.unsized.length > 0 ? `; ${plan.unsized.map((p) => p.dir).join(', ')} did not finish its dataset pass, so the dataset size is unknown` : '';
  return `${plan.model} × ${plan.dataset}: merged ${rows} row(s) from ${from}${missing}${unsized}\n`;
}

/**
 * Merge output is derived data and is rewritten by the next merge; a store a run wrote into the
 * out dir is not, and is never overwritten. The marker lists the stores merges wrote.
 */
const MARKER = '.actial-eval-merge.json';

function storeName(outDir: string, plan: PairPlan): string {
  return relative(outDir, outputPaths(outDir, plan.model, plan.dataset).predictions);
}

function refuseForeignStore(outDir: string, plan: PairPlan, marker: ReadonlySet<string>): void {
  const name = storeName(outDir, plan);
  if (existsSync(join(outDir, name)) && !marker.has(name)) {
    throw new InputError(`--out ${outDir} already holds ${name}, which no merge wrote; merge into another dir (or move it away)`);
  }
}

async function readMarker(outDir: string): Promise<Set<string>> {
  try {
    const parsed = JSON.parse(await readFile(join(outDir, MARKER), 'utf8')) as { stores?: unknown };
    return new Set(Array.isArray(parsed.stores) ? parsed.stores.filter((s): s is string => typeof s === 'string') : []);
  } catch {
    return new Set();
  }
}

async function writeMarker(outDir: string, stores: ReadonlySet<string>): Promise<void> {
  await writeAtomic(join(outDir, MARKER), `${JSON.stringify({ stores: [...stores].sort() }, null, 2)}\n`);
}
