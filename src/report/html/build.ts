/** Gathers everything the HTML report shows from one or many work dirs (no rendering here). */
import { PAPER_TABLE } from '../../../benchmarks/paper.js';
import { InputError } from '../../core/errors.js';
import { buildBoard, readWorkDirs, type Board } from '../board.js';
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

/** Right/wrong of one model against the baseline on the rows both have scored. */
export interface PairCounts {
  readonly bothRight: number;
  readonly fixed: number;
  readonly regressed: number;
  readonly bothWrong: number;
}

export interface DatasetReport {
  readonly items: DatasetItems;
  /** Image keys per item index. */
  readonly thumbs: ReadonlyMap<string, readonly string[]>;
  readonly notes: readonly string[];
  /** Per model of the dataset (position ≥ 1), against the dataset's first model; null for the first. */
  readonly versusFirst: readonly (PairCounts | null)[];
}

export interface ReportData {
  readonly workDirs: readonly string[];
  readonly summaries: readonly Summary[];
  readonly board: Board;
  readonly paper: PaperView;
  readonly datasets: readonly DatasetReport[];
  readonly images: ReadonlyMap<string, string>;
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
    const sources = board.models.flatMap((model) => sourced.filter((s) => s.summary.model === model && s.summary.dataset === dataset).map((s) => ({ model, workDir: s.workDir })));
    const items = await loadItems(dataset, sources, options.maxItems);
    const first = sources[0];
    const thumbs = first === undefined
      ? { byIndex: new Map<string, string[]>(), notes: [] }
      : await loadThumbnails(first.workDir, first.model, dataset, items.items.map((it) => it.index), store);
    const notes = [...thumbs.notes];
    if (items.total > items.items.length) notes.unshift(`the first ${items.items.length} of ${items.total} items are listed`);
    datasets.push({ items, thumbs: thumbs.byIndex, notes, versusFirst: items.models.map((_, i) => (i === 0 ? null : pairCounts(items, i))) });
  }
  return { workDirs: [...new Set(sourced.map((s) => s.workDir))], summaries, board, paper: paperView(summaries, board.models, PAPER_TABLE), datasets, images: store.urls };
}

/** Over every row both models have scored, not only the listed ones. */
function pairCounts(items: DatasetItems, other: number): PairCounts {
  let bothRight = 0;
  let fixed = 0;
  let regressed = 0;
  let bothWrong = 0;
  for (const row of items.hits) {
    const base = row[0];
    const cand = row[other];
    if (base === null || base === undefined || cand === null || cand === undefined) continue;
    if (base && cand) bothRight++;
    else if (!base && cand) fixed++;
    else if (base && !cand) regressed++;
    else bothWrong++;
  }
  return { bothRight, fixed, regressed, bothWrong };
}
