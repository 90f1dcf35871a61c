import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { diskFullAt, InputError } from '../core/errors.js';
import { writeAtomic } from '../workdir/atomic.js';
import { forEachVerdict, verdictLine } from '../workdir/judge-cache.js';
import { outputPaths } from '../workdir/paths.js';
import { readLatest, recordLine } from '../workdir/records.js';
import type { PairPlan } from './plan.js';

/**
 * Reads every shard store of a pair and refuses an index stored by two shards (the shards were not
 * split by one rule, or a dir was copied) and records asked with different settings (a shard rerun
 * with another config that stopped half way). Returns the merged row count.
 */
export async function checkRecords(plan: PairPlan): Promise<number> {
  const name = `${plan.model} × ${plan.dataset}`;
  const owner = new Map<string, string>();
  const settings = new Map<string, string>();
  for (const part of plan.parts) {
    const file = outputPaths(part.dir, part.model, part.dataset).predictions;
    for (const [index, rec] of await readLatest(file)) {
      const other = owner.get(index);
      if (other !== undefined) throw new InputError(`${name}: index '${index}' is stored by both ${other} and ${part.dir} (overlap); merge each shard once`);
      owner.set(index, part.dir);
      if (!settings.has(rec.settings_hash)) settings.set(rec.settings_hash, part.dir);
    }
  }
  if (settings.size > 1) {
    const list = [...settings].map(([hash, dir]) => `${hash} (${dir})`).join(', ');
    throw new InputError(`${name}: rows were asked with different settings (settings_hash ${list}); finish each shard with one config before merging`);
  }
  return owner.size;
}

/**
 * Writes the latest record of every index, shard by shard, to a temp file renamed into place, so
 * an interrupted merge never leaves half a store. Scoring sorts by index: store order is not in any report.
 */
export async function writeMergedStore(plan: PairPlan, outDir: string): Promise<void> {
  const file = outputPaths(outDir, plan.model, plan.dataset).predictions;
  await mkdir(dirname(file), { recursive: true });
  const tmp = `${file}.merge-${process.pid}`;
  const fh = await open(tmp, 'w');
  try {
    for (const part of plan.parts) {
      let batch: string[] = [];
      for (const rec of (await readLatest(outputPaths(part.dir, part.model, part.dataset).predictions)).values()) {
        batch.push(recordLine(rec));
        if (batch.length >= WRITE_BATCH) {
          // writeFile, not write: write() may store part of the text on a full disk and not say so.
          await fh.writeFile(batch.join(''));
          batch = [];
        }
      }
      if (batch.length > 0) await fh.writeFile(batch.join(''));
    }
    await fh.close();
    await rename(tmp, file);
  } catch (err) {
    await fh.close().catch(() => undefined);
    await rm(tmp, { force: true });
    throw diskFullAt(file, err);
  }
}

const WRITE_BATCH = 1000;

/**
 * The judge's cached verdicts of every shard, added to any the merged dir already holds (an earlier
 * merge may have asked the judge), so scoring the merge asks nothing the shards already asked.
 * Verdicts are keyed by content: the first line per key is kept.
 */
export async function mergeJudgeCaches(plan: PairPlan, outDir: string): Promise<void> {
  const target = outputPaths(outDir, plan.model, plan.dataset).judge;
  const sources = [target, ...plan.parts.map((p) => outputPaths(p.dir, p.model, p.dataset).judge)];
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const file of sources) {
    await forEachVerdict(file, (v) => {
      if (seen.has(v.key)) return;
      seen.add(v.key);
      lines.push(verdictLine(v));
    });
  }
  if (lines.length > 0) await writeAtomic(target, lines.join(''));
}
