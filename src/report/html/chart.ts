/**
 * Horizontal grouped bar charts as inline SVG, drawn on the server so the report needs no script
 * library and no network. Horizontal because category names are long (BLINK's subtasks, MMSI's
 * "Positional Relationship (Cam.–Cam.)") and a model count of ten still fits down the page.
 * Each bar carries its value as a label and a <title> tooltip (value, interval, units).
 */
import { esc } from './escape.js';

/** Tableau 10: distinguishable, and colour-blind safe for the first few models. */
export const PALETTE = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'] as const;

export function modelColor(position: number): string {
  return PALETTE[position % PALETTE.length] ?? '#4e79a7';
}

export interface Series {
  readonly name: string;
  readonly color: string;
}

/** In display units (percent points, tokens…). */
export interface Bar {
  readonly value: number;
  readonly lo?: number | null;
  readonly hi?: number | null;
  /** Units behind the value, for the tooltip. */
  readonly n?: number | null;
  /** How the interval was made (wilson, bootstrap…), for the tooltip. */
  readonly method?: string | null;
}

export interface Group {
  readonly label: string;
  /** One per series, in series order; null where that model has no value. */
  readonly bars: readonly (Bar | null)[];
}

export interface ChartSpec {
  readonly series: readonly Series[];
  readonly groups: readonly Group[];
  readonly axisLabel: string;
  /** Upper end of the axis (100 for percentages). */
  readonly max: number;
  /** Lower end (default 0); below 0 for differences, whose bars then grow left or right from 0. */
  readonly min?: number;
  readonly decimals: number;
}

const WIDTH = 860;
const BAR = 14;
const BAR_GAP = 3;
const GROUP_GAP = 12;
const CHAR = 6.6;
const MAX_LABEL = 46;

export function barChart(spec: ChartSpec): string {
  const labelWidth = Math.min(310, Math.max(90, Math.max(...spec.groups.map((g) => Math.min(g.label.length, MAX_LABEL))) * CHAR + 14));
  const plotLeft = labelWidth;
  const plotWidth = WIDTH - labelWidth - 70;
  const legend = legendRows(spec.series);
  const top = legend.height + 10;
  const groupHeight = spec.series.length * (BAR + BAR_GAP) - BAR_GAP + GROUP_GAP;
  const plotHeight = spec.groups.length * groupHeight;
  const height = top + plotHeight + 44;
  const min = spec.min ?? 0;
  const x = (v: number): number => plotLeft + ((Math.max(min, Math.min(v, spec.max)) - min) / (spec.max - min)) * plotWidth;
  const parts: string[] = [];
  parts.push(legend.svg);
  parts.push(...stripes(spec.groups.length, groupHeight, top, plotLeft, plotWidth));
  parts.push(...axis(spec, x, top, plotHeight));
  spec.groups.forEach((g, gi) => {
    const y0 = top + gi * groupHeight + GROUP_GAP / 2;
    const mid = y0 + (groupHeight - GROUP_GAP) / 2;
    const label = g.label.length > MAX_LABEL ? `${g.label.slice(0, MAX_LABEL - 1)}…` : g.label;
    parts.push(`<text class="glabel" x="${plotLeft - 8}" y="${mid + 4}" text-anchor="end"><title>${esc(g.label)}</title>${esc(label)}</text>`);
    g.bars.forEach((b, si) => parts.push(barSvg(spec, g.label, spec.series[si], b, y0 + si * (BAR + BAR_GAP), x)));
  });
  const aria = `Bar chart: ${spec.groups.length} groups × ${spec.series.length} models; ${spec.axisLabel}`;
  return `<svg class="chart" xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-label="${esc(aria)}">${parts.join('')}</svg>`;
}

function barSvg(spec: ChartSpec, group: string, series: Series | undefined, b: Bar | null, y: number, x: (v: number) => number): string {
  const name = series?.name ?? '';
  if (b === null) {
    return `<g class="bar missing"><title>${esc(`${name} — ${group}: no value`)}</title><text x="${x(0) + 4}" y="${y + BAR - 3}" class="na">–</text></g>`;
  }
  const fmt = (v: number): string => v.toFixed(spec.decimals);
  const hasCi = typeof b.lo === 'number' && typeof b.hi === 'number';
  const tip = `${name} — ${group}: ${fmt(b.value)}${hasCi ? ` [${fmt(b.lo as number)}, ${fmt(b.hi as number)}]${typeof b.method === 'string' ? ` ${b.method}` : ''}` : ''}${typeof b.n === 'number' ? ` (n=${b.n})` : ''}`;
  const end = x(b.value);
  let whisker = '';
  // The label sits right of the bar (for a negative one, right of 0: left of it would run into the
  // category labels), and right of the whisker when that reaches further.
  let labelX = Math.max(end, x(0)) + 4;
  if (hasCi) {
    const lo = x(b.lo as number);
    const hi = x(b.hi as number);
    const cy = y + BAR / 2;
    whisker = `<path class="whisker" d="M${r(lo)} ${r(cy)}H${r(hi)}M${r(lo)} ${r(y + 2)}V${r(y + BAR - 2)}M${r(hi)} ${r(y + 2)}V${r(y + BAR - 2)}"/>`;
    labelX = Math.max(labelX, hi + 4);
  }
  return `<g class="bar" data-series="${esc(name)}"><title>${esc(tip)}</title>`
    + `<rect x="${r(Math.min(end, x(0)))}" y="${y}" width="${r(Math.abs(end - x(0)))}" height="${BAR}" fill="${series?.color ?? '#888'}"/>`
    + `${whisker}<text class="val" x="${r(labelX)}" y="${y + BAR - 3}">${esc(fmt(b.value))}</text></g>`;
}

function axis(spec: ChartSpec, x: (v: number) => number, top: number, plotHeight: number): string[] {
  const out: string[] = [];
  const bottom = top + plotHeight;
  for (const t of ticks(spec.min ?? 0, spec.max)) {
    out.push(`<line class="grid" x1="${r(x(t))}" x2="${r(x(t))}" y1="${top}" y2="${bottom}"/>`);
    out.push(`<text class="tick" x="${r(x(t))}" y="${bottom + 14}" text-anchor="middle">${t}</text>`);
  }
  out.push(`<line class="axis" x1="${r(x(spec.min ?? 0))}" x2="${r(x(spec.max))}" y1="${bottom}" y2="${bottom}"/>`);
  if ((spec.min ?? 0) < 0) out.push(`<line class="zero" x1="${r(x(0))}" x2="${r(x(0))}" y1="${top}" y2="${bottom}"/>`);
  out.push(`<text class="axlabel" x="${r((x(spec.min ?? 0) + x(spec.max)) / 2)}" y="${bottom + 34}" text-anchor="middle">${esc(spec.axisLabel)}</text>`);
  return out;
}

/** Five or so round ticks from min to max, 0 among them. */
export function ticks(min: number, max: number): number[] {
  const raw = (max - min) / 5;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? raw;
  const out: number[] = [];
  for (let t = Math.ceil(min / step - 1e-9) * step; t <= max + 1e-9; t += step) {
    // `+ 0` turns -0 into 0, which would otherwise print as "-0".
    out.push(Number(t.toFixed(6)) + 0);
  }
  return out;
}

/** A round axis end above the largest value (for unbounded units such as tokens). */
export function niceMax(values: readonly number[]): number {
  const top = Math.max(1, ...values);
  const mag = 10 ** Math.floor(Math.log10(top));
  return ([1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= top) ?? top);
}

function stripes(groups: number, groupHeight: number, top: number, left: number, width: number): string[] {
  const out: string[] = [];
  for (let i = 1; i < groups; i += 2) out.push(`<rect class="stripe" x="0" y="${top + i * groupHeight}" width="${left + width}" height="${groupHeight}"/>`);
  return out;
}

function legendRows(series: readonly Series[]): { svg: string; height: number } {
  const items: string[] = [];
  let x = 0;
  let y = 0;
  for (const s of series) {
    const w = Math.min(s.name.length, 60) * CHAR + 34;
    if (x > 0 && x + w > WIDTH) {
      x = 0;
      y += 20;
    }
    items.push(`<g class="legend-item"><rect x="${r(x)}" y="${y + 3}" width="14" height="14" fill="${s.color}"/><text x="${r(x + 20)}" y="${y + 15}">${esc(s.name)}</text></g>`);
    x += w;
  }
  return { svg: `<g class="legend">${items.join('')}</g>`, height: y + 20 };
}

function r(v: number): string {
  return String(Math.round(v * 10) / 10);
}
