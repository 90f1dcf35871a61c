import { DataNotFoundError, InputError } from '../core/errors.js';
import type { Benchmark } from '../benchmark/types.js';
import { locateOrDownload, type DataFormat, type Env } from '../data/locate.js';
import type { DownloadOptions } from '../data/download/index.js';
import type { DataEntry } from './schema.js';
import { answerKindOf } from '../extract/pipelines.js';
import type { Pipeline } from '../extract/types.js';
import { primaryProtocol } from '../benchmark/protocols.js';
import { resolveVideo, type VideoSettings } from './video.js';
import { BENCHMARKS, FALLBACK_BENCHMARK, PIPELINE_REGISTRY } from '../../benchmarks/index.js';

export { lmuDataRoot } from '../data/locate.js';

export interface ResolvedDataset {
  /** Output name (the config key): names the files. */
  readonly name: string;
  /** The real dataset name (VLMEvalKit `dataset`). */
  readonly datasetName: string;
  readonly className: string;
  readonly benchmark: Benchmark;
  readonly files: readonly string[];
  readonly format: DataFormat;
  readonly circular: boolean;
  /** A pipeline the user asked for (`"extract"`), reported as an extra protocol. */
  readonly extract: Pipeline | undefined;
  /** How the rows' videos become frames, for a benchmark with videos. */
  readonly video?: VideoSettings | undefined;
}

/** What scoring needs of a dataset: no files, so stored predictions can be re-scored anywhere. */
export type ScoringDataset = Pick<ResolvedDataset, 'name' | 'datasetName' | 'benchmark' | 'circular' | 'extract'>;

export interface DataContext {
  readonly env: Env;
  readonly configDir: string;
  readonly dataDir: string | undefined;
  /** Downloading of known datasets not found locally (the run command); undefined = look only. */
  readonly download?: DownloadOptions | undefined;
}

/**
 * The benchmark module is found by dataset name first (Actial's configs name BLINK or CV-Bench-2D
 * with the generic class ImageMCQDataset, yet they must be scored by their own rules), then by class;
 * an unknown class whose VLMEvalKit TSV is found is read as the generic MCQ, as VLMEvalKit would.
 */
export async function resolveDataset(name: string, entry: DataEntry, ctx: DataContext): Promise<ResolvedDataset> {
  const datasetName = entry.dataset ?? name;
  const known = knownBenchmark(datasetName, entry.class);
  const benchmark = known?.configure?.(entry, { name, configDir: ctx.configDir }) ?? known ?? FALLBACK_BENCHMARK;
  let located;
  try {
    const { download, ...where } = ctx;
    located = await locateOrDownload({ name, datasetName, path: entry.path, benchmark, ...where }, download);
  } catch (err) {
    if (known !== undefined || !(err instanceof InputError)) throw err;
    const message = `${err.message} (class '${entry.class}' is not one actial-eval knows: ${knownClasses()}; see actial-eval list)`;
    throw err instanceof DataNotFoundError ? new DataNotFoundError(message) : new InputError(message);
  }
  const circular = benchmark.circularWhenNameMatches?.test(datasetName) ?? false;
  const extract = userPipeline(name, entry.extract, benchmark);
  const video = resolveVideo(name, entry, benchmark, datasetName, ctx.env, ctx.configDir);
  return { name, datasetName, className: entry.class, benchmark, files: located.files, format: located.format, circular, extract, ...(video !== undefined ? { video } : {}) };
}

/** The module a data entry means: by its dataset name first, then by its class (see resolveDataset). */
export function knownBenchmark(datasetName: string, className: string): Benchmark | undefined {
  return BENCHMARKS.find((b) => b.datasetNames.includes(datasetName)) ?? BENCHMARKS.find((b) => b.dataClasses.includes(className));
}

/**
 * The registered pipeline a data entry's `"extract"` names. It must read the same kind of answer
 * (letter, number, yes/no) as the primary protocol's.
 */
function userPipeline(name: string, extract: string | undefined, benchmark: Benchmark): Pipeline | undefined {
  if (extract === undefined) return undefined;
  const want = answerKindOf(primaryProtocol(benchmark.protocols).extract);
  const same = [...PIPELINE_REGISTRY.values()].filter((p) => answerKindOf(p) === want).map((p) => p.name).join(', ');
  // Renamed, not removed: the old name is refused so that a config never changes meaning unseen.
  if (extract === 'default') throw new InputError(`dataset '${name}': "extract": "default" is now called "robust" (it abstains where unsure); write "extract": "robust"`);
  const pipeline = PIPELINE_REGISTRY.get(extract);
  if (pipeline === undefined) throw new InputError(`dataset '${name}': "extract": "${extract}" is not a known extraction pipeline; use one of ${same}`);
  const got = answerKindOf(pipeline);
  if (got !== want) {
    throw new InputError(`dataset '${name}': "extract": "${extract}" reads ${got} answers, but ${benchmark.title} is scored on ${want} answers; use one of ${same}`);
  }
  return pipeline;
}

function knownClasses(): string {
  return [...new Set(BENCHMARKS.flatMap((b) => b.dataClasses))].join(', ');
}
