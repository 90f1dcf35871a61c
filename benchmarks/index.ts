import type { Benchmark } from '../src/benchmark/types.js';
import { protocolProblems } from '../src/benchmark/protocols.js';
import { GENERIC_PIPELINES } from '../src/extract/pipelines.js';
import type { Pipeline } from '../src/extract/types.js';
import { imageMcq } from './image-mcq.js';
import { CV_BENCH } from './cv-bench.js';
import { blink } from './blink.js';
import { threeDsrBench } from './3dsrbench.js';
import { mindcube, mindcubeVlmevalkit } from './mindcube.js';
import { mmsiBench, mmsiBenchCircular } from './mmsi-bench.js';
import { omni3dBench } from './omni3dbench.js';
import { SAT_BENCHMARKS } from './sat.js';
import { siteBenchImage } from './site.js';
import { siteBenchVideo } from './site-video.js';
import { SPATIALEVAL } from './spatialeval.js';
import { VIEWSPATIAL } from './viewspatial.js';
import { SPARBENCH } from './sparbench.js';
import { shareGpt } from './sharegpt.js';
import { verlRl } from './verl-rl.js';
import { vsiBench } from './vsibench.js';
import { MMVP_BENCHMARKS } from './mmvp.js';
import { EMBSPATIAL_BENCHMARKS } from './embspatial.js';
import { REALWORLDQA_BENCHMARKS } from './realworldqa.js';
import { spatial457 } from './spatial457.js';
import { vsrSplits, vsrZeroshot } from './vsr.js';
import { WHATSUP_BENCHMARKS } from './whatsup.js';
import { QSPATIAL_BENCHMARKS } from './qspatial.js';
import { STARE_BENCHMARKS } from './stare.js';
import { OMNISPATIAL_BENCHMARKS } from './omnispatial.js';

/** Every benchmark module, in the order `actial-eval list` shows them. Adding one is one line here. */
export const BENCHMARKS: readonly Benchmark[] = [imageMcq, ...CV_BENCH, blink, threeDsrBench, mmsiBench, mmsiBenchCircular, omni3dBench, ...SAT_BENCHMARKS, ...SPATIALEVAL, vsiBench, ...SPARBENCH, ...VIEWSPATIAL, mindcube, mindcubeVlmevalkit, siteBenchImage, siteBenchVideo, ...MMVP_BENCHMARKS, ...EMBSPATIAL_BENCHMARKS, ...REALWORLDQA_BENCHMARKS, spatial457, vsrZeroshot, vsrSplits, ...WHATSUP_BENCHMARKS, ...QSPATIAL_BENCHMARKS, ...STARE_BENCHMARKS, ...OMNISPATIAL_BENCHMARKS, shareGpt, verlRl];

/** Module used for a dataset whose class is unknown but whose TSV is found. */
export const FALLBACK_BENCHMARK: Benchmark = imageMcq;

/**
 * Every extraction pipeline a config's `"extract"` (or a run header) may name: the generic ones,
 * then each benchmark's own (those its protocols use and those it lists), first declaration first.
 * Two different pipelines under one name, or a malformed protocol list, stop the program at load.
 */
export const PIPELINE_REGISTRY: ReadonlyMap<string, Pipeline> = buildRegistry(BENCHMARKS);

function buildRegistry(benchmarks: readonly Benchmark[]): Map<string, Pipeline> {
  const registry = new Map<string, Pipeline>();
  const add = (p: Pipeline, owner: string): void => {
    const seen = registry.get(p.name);
    if (seen !== undefined && seen !== p) throw new Error(`${owner}: a different pipeline is already registered as '${p.name}'`);
    registry.set(p.name, p);
  };
  for (const p of Object.values(GENERIC_PIPELINES)) add(p, 'src/extract/pipelines.ts');
  for (const b of benchmarks) {
    const problems = protocolProblems(b.protocols);
    if (problems.length > 0) throw new Error(`benchmark ${b.id}: ${problems.join('; ')}`);
    for (const p of [...b.protocols.map((x) => x.extract), ...(b.pipelines ?? [])]) add(p, `benchmark ${b.id}`);
  }
  return registry;
}

/** The registered pipeline of that name, if any. */
export function pipelineNamed(name: string): Pipeline | undefined {
  return PIPELINE_REGISTRY.get(name);
}
