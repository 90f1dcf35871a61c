import { existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { InputError } from '../core/errors.js';
import { writeRunHeader } from '../workdir/header.js';
import { lockPath, outputPaths } from '../workdir/paths.js';
import { readLockText } from '../workdir/lock.js';
import { readMergeMarker, writeMergeMarker } from '../workdir/marker.js';
import { planMerge, type PairPlan } from './plan.js';
import { checkRecords, mergeJudgeCaches, writeMergedStore } from './records.js';
import { storedParts, type StoredPart } from './stores.js';

export interface MergeOptions {
  readonly outDir: string;
  readonly shardDirs: readonly string[];
  /** Merge what is there when shards are missing; the result says which it holds. */
  readonly allowMissing: boolean;
}

/**
 * Reads the shard work dirs and checks they combine into one (refusing overlaps, shards of
 * different runs, missing shards and dirs still in use). Writes nothing.
 */
export async function planShardMerge(opts: MergeOptions): Promise<PairPlan[]> {
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
  return plans;
}

/**
 * Writes the merged stores, judge caches and run headers into `outDir` (whose lock the caller
 * holds): the stores an unsharded run would have written. Every check runs before anything is
 * written. Scoring them is the caller's next step.
 */
export async function writeShardMerge(outDir: string, plans: readonly PairPlan[], warn: (text: string) => void): Promise<void> {
  const out = resolve(outDir);
  const marker = await readMergeMarker(out);
  for (const plan of plans) refuseForeignStore(out, plan, marker);
  const rows = new Map<PairPlan, number>();
  for (const plan of plans) rows.set(plan, await checkRecords(plan));
  for (const plan of plans) {
    await writeMergedStore(plan, out);
    await mergeJudgeCaches(plan, out);
    await writeRunHeader(outputPaths(out, plan.model, plan.dataset).header, plan.meta);
    marker.add(storeName(out, plan));
    await writeMergeMarker(out, marker);
    warn(planLine(plan, rows.get(plan) ?? 0));
  }
}

/**
 * A shard dir with a lock file may be in use by a run, perhaps on another machine sharing the
 * filesystem, where its pid means nothing here. So merge neither takes nor breaks a shard's lock
 * (taking it over could delete a live remote run's lock); it only refuses, and never writes there.
 */
async function refuseRunning(dir: string): Promise<void> {
  const file = lockPath(dir);
  const owner = await readLockText(file).catch(() => undefined);
  if (owner === undefined) return;
  throw new InputError(`${dir} is in use by a run (lock file ${file}, pid ${owner.trim() || '?'}); wait for it to finish, or delete the lock file if no run uses that dir`);
}

function planLine(plan: PairPlan, rows: number): string {
  const from = plan.parts.map((p) => p.dir).join(', ');
  const missing = plan.missing.length > 0 ? `; shard(s) ${plan.missing.join(', ')} missing: the result is partial` : '';
  const unsized = plan.unsized.length > 0 ? `; ${plan.unsized.map((p) => p.dir).join(', ')} did not finish its dataset pass, so the dataset size is unknown` : '';
  return `${plan.model} × ${plan.dataset}: merged ${rows} row(s) from ${from}${missing}${unsized}\n`;
}

function storeName(outDir: string, plan: PairPlan): string {
  return relative(outDir, outputPaths(outDir, plan.model, plan.dataset).predictions);
}

function refuseForeignStore(outDir: string, plan: PairPlan, marker: ReadonlySet<string>): void {
  const name = storeName(outDir, plan);
  if (existsSync(join(outDir, name)) && !marker.has(name)) {
    throw new InputError(`--out ${outDir} already holds ${name}, which no merge wrote; merge into another dir (or move it away)`);
  }
}
