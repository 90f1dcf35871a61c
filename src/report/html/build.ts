/** Gathers everything the HTML report shows from one or many work dirs (no rendering here). */
import { PAPER_TABLE } from '../../../benchmarks/paper.js';
import { compareSides, type DatasetComparison } from '../../compare/compare.js';
import { InputError } from '../../core/errors.js';
import { WorkDirError } from '../../workdir/errors.js';
import { buildBoard, readWorkDirs, type Board, type Sourced } from '../board.js';
import { paperView, type PaperView } from '../board-text.js';
import type { Summary } from '../summary.js';
import { loadItems, type DatasetItems } from './items.js';
import { ImageStore, loadThumbnails, type ThumbnailLimits } from './thumbnails.js';

export interface ReportOptions {
  readonly workDirs: readonly string[];
  /** Only these models / datasets (all when absent); the model list also sets the order (the first is the baseline). */
  readonly models?: readonly string[];
  readonly datasets?: readonly string[];
  /** Items listed per dataset. */
  readonly maxItems: number;
  readonly thumbnails: ThumbnailLimits;
}

export interface DatasetReport {
  readonly items: DatasetItems;
  /** Image keys per item index. */
  readonly thumbs: ReadonlyMap<string, readonly string[]>;
  readonly notes: readonly string[];
}

/** `actial-eval compare`'s result for one model against the baseline. */
export interface PairReport {
  readonly model: string;
  readonly datasets: readonly DatasetComparison[];
  /** Why some datasets could not be compared (e.g. different questions in the two stores). */
  readonly errors: readonly string[];
}

/** The settings of `actial-eval compare`'s defaults, so the report shows the numbers that command prints. */
export const COMPARE_SETTINGS = { alpha: 0.05, resamples: 10000, seed: 0 } as const;

export interface ReportData {
  readonly workDirs: readonly string[];
  readonly summaries: readonly Summary[];
  readonly board: Board;
  readonly paper: PaperView;
  readonly datasets: readonly DatasetReport[];
  readonly images: ReadonlyMap<string, string>;
  readonly comparisons: readonly PairReport[];
}

export async function buildReport(options: ReportOptions): Promise<ReportData> {
  const sourced = (await readWorkDirs(options.workDirs)).filter(
    (s) => (options.models === undefined || options.models.includes(s.summary.model)) && (options.datasets === undefined || options.datasets.includes(s.summary.dataset)),
  );
  if (sourced.length === 0) throw new InputError(`no summaries match --model/--data in ${options.workDirs.join(', ')}`);
  const summaries = sourced.map((s) => s.summary);
  const board = buildBoard(summaries, options.models);
  const store = new ImageStore(options.thumbnails);
  const datasets: DatasetReport[] = [];
  for (const dataset of board.datasets) {
    const sources = board.models.flatMap((model) => {
      const s = where(sourced, model, dataset);
      return s === undefined ? [] : [{ model, workDir: s.workDir }];
    });
    const items = await loadItems(dataset, sources, options.maxItems);
    const first = sources[0];
    const thumbs = first === undefined
      ? { byIndex: new Map<string, string[]>(), notes: [] }
      : await loadThumbnails(first.workDir, first.model, dataset, items.items.map((it) => it.index), store);
    const notes = [...thumbs.notes];
    if (items.total > items.items.length) notes.unshift(`the first ${items.items.length} of ${items.total} items are listed`);
    datasets.push({ items, thumbs: thumbs.byIndex, notes });
  }
  const comparisons: PairReport[] = [];
  const baseline = board.models[0];
  for (const model of board.models.slice(1)) if (baseline !== undefined) comparisons.push(await comparePair(sourced, board, baseline, model));
  return { workDirs: [...new Set(sourced.map((s) => s.workDir))], summaries, board, paper: paperView(summaries, board.models, PAPER_TABLE), datasets, images: store.urls, comparisons };
}

function where(sourced: readonly Sourced[], model: string, dataset: string): Sourced | undefined {
  return sourced.find((s) => s.summary.model === model && s.summary.dataset === dataset);
}

/**
 * `compareSides` compares one work dir's model folder with another's; a model gathered from several
 * work dirs is compared in one call per pair of dirs, each on the datasets that pair holds.
 */
async function comparePair(sourced: readonly Sourced[], board: Board, baseline: string, model: string): Promise<PairReport> {
  const byDirs = new Map<string, { a: string; b: string; data: string[] }>();
  for (const d of board.datasets) {
    const a = where(sourced, baseline, d);
    const b = where(sourced, model, d);
    if (a === undefined || b === undefined) continue;
    const key = `${a.workDir}\0${b.workDir}`;
    const entry = byDirs.get(key) ?? { a: a.workDir, b: b.workDir, data: [] };
    entry.data.push(d);
    byDirs.set(key, entry);
  }
  const datasets: DatasetComparison[] = [];
  const errors: string[] = [];
  for (const { a, b, data } of byDirs.values()) {
    try {
      const c = await compareSides({ label: baseline, model: baseline, workDir: a }, { label: model, model, workDir: b }, { ...COMPARE_SETTINGS, data });
      datasets.push(...c.datasets);
    } catch (err) {
      // One pair that cannot be paired (different questions) must not sink the whole report; a
      // work-dir file that does not match its schema must (it would sink every other reader too).
      if (!(err instanceof InputError) || err instanceof WorkDirError) throw err;
      errors.push(err.message);
    }
  }
  datasets.sort((x, y) => (x.dataset < y.dataset ? -1 : x.dataset > y.dataset ? 1 : 0));
  return { model, datasets, errors };
}
