import type { Benchmark } from '../src/benchmark/types.js';
import { imageMcq } from './image-mcq.js';
import { CV_BENCH } from './cv-bench.js';
import { blink } from './blink.js';
import { threeDsrBench } from './3dsrbench.js';
import { mmsiBench, mmsiBenchCircular } from './mmsi-bench.js';

/** Every benchmark module, in the order `actial-eval list` shows them. */
export const BENCHMARKS: readonly Benchmark[] = [imageMcq, ...CV_BENCH, blink, threeDsrBench, mmsiBench, mmsiBenchCircular];

/** Module used for a dataset whose class is unknown but whose TSV is found. */
export const FALLBACK_BENCHMARK: Benchmark = imageMcq;
