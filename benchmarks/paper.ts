import type { PaperColumn } from '../src/benchmark/types.js';
import { threeDsrBench } from './3dsrbench.js';
import { blink } from './blink.js';
import { cvBench } from './cv-bench.js';
import { mmsiBench } from './mmsi-bench.js';

/**
 * The Actial paper's Table 1 layout (3DSRBench, CV-Bench with its tasks, BLINK's spatial subtasks,
 * MMSI-Bench), in the paper's order; each benchmark module declares its own columns.
 */
export const PAPER_TABLE: readonly PaperColumn[] = [threeDsrBench, cvBench, blink, mmsiBench].flatMap((b) => b.paper ?? []);
