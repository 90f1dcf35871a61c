/**
 * `.actial-eval-merge.json` in a merge's out dir: the stores merges wrote there. Merge output is
 * derived data, rewritten by the next merge; a store a run wrote into the out dir is not, and is
 * never overwritten.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { writeAtomic } from './atomic.js';
import { parseJsonText, parseWith } from './errors.js';
import { mergeMarkerPath } from './paths.js';

export const MERGE_MARKER_SCHEMA = 'actial-eval/merge-marker@1';

export const mergeMarkerSchema = z.strictObject({
  schema: z.literal(MERGE_MARKER_SCHEMA).optional().describe('version of this file (absent in markers written before it existed: the same version)'),
  stores: z.array(z.string()).describe('prediction stores merges wrote, relative to the out dir, sorted'),
});

/** The stores earlier merges wrote into `outDir` (none when it holds no marker). */
export async function readMergeMarker(outDir: string): Promise<Set<string>> {
  const file = mergeMarkerPath(outDir);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return new Set();
    throw err;
  }
  return new Set(parseWith(mergeMarkerSchema, parseJsonText(text, file), file).stores);
}

export async function writeMergeMarker(outDir: string, stores: ReadonlySet<string>): Promise<void> {
  const marker: z.infer<typeof mergeMarkerSchema> = { schema: MERGE_MARKER_SCHEMA, stores: [...stores].sort() };
  await writeAtomic(mergeMarkerPath(outDir), `${JSON.stringify(marker, null, 2)}\n`);
}
