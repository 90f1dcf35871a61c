import type { Benchmark } from '../src/benchmark/types.js';
import { imageMcq } from './image-mcq.js';

/** Every benchmark module, in the order `actial-eval list` shows them. */
export const BENCHMARKS: readonly Benchmark[] = [imageMcq];

/** Module used for a dataset whose class is unknown but whose TSV is found. */
export const FALLBACK_BENCHMARK: Benchmark = imageMcq;
