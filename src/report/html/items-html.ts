/**
 * The item browser: filter controls and one card per dataset row (prompt text, thumbnails, gold,
 * each model's response, extracted answer and verdict, failure reason). The flags the filters need
 * are data attributes holding model positions, so the inline script only compares strings.
 */
import type { Board } from '../board.js';
import type { DatasetReport } from './build.js';
import { esc, inlineJson } from './escape.js';
import { itemFlags, type Item, type ModelAnswer } from './items.js';
import { swatch } from './sections.js';

const FILTERS = [
  ['all', 'All'],
  ['wrong', 'Wrong'],
  ['flipped', 'Flipped'],
  ['unextracted', 'Unextracted'],
  ['failed', 'Failed'],
] as const;

export function itemsSection(board: Board, datasets: readonly DatasetReport[], images: ReadonlyMap<string, string>): string {
  const datasetOptions = datasets.map((ds, i) => `<option value="${i}">${esc(ds.items.dataset)}</option>`).join('');
  const modelOptions = board.models.map((m, i) => `<option value="${i}">${esc(m)}</option>`).join('');
  const controls = `<div class="filters" role="search">`
    + `<label>Dataset <select id="f-dataset"><option value="">all</option>${datasetOptions}</select></label>`
    + `<label>Model <select id="f-model"><option value="">any</option>${modelOptions}</select></label>`
    + `<span>${FILTERS.map(([key, label]) => `<button type="button" data-filter="${key}" aria-pressed="${key === 'all'}">${label}</button>`).join(' ')}</span>`
    + `<input id="f-search" type="search" placeholder="search text" aria-label="search items">`
    + `<span id="f-count" aria-live="polite"></span><button type="button" id="f-prev">◀</button><button type="button" id="f-next">▶</button></div>`;
  const notes = datasets.flatMap((ds) => ds.notes.map((n) => `<li>${esc(ds.items.dataset)}: ${esc(n)}</li>`));
  const cards = datasets.flatMap((ds, di) => ds.items.items.map((it) => card(board, ds, di, it)));
  const help = 'Wrong: a scored answer that is not right (unextracted answers count, as scored). Flipped: the models disagree on right/wrong. '
    + 'Unextracted: no rule (or judge) found an option. Failed: the request failed (not scored). With a model chosen, the first three look at that model.';
  return `<section id="items"><h2>Items</h2><p class="note">${esc(help)}</p>${notes.length === 0 ? '' : `<ul class="note">${notes.join('')}</ul>`}`
    + `${controls}<div id="items-list">${cards.join('')}</div>`
    + `<script type="application/json" id="report-images">${inlineJson(Object.fromEntries(images))}</script></section>`;
}

function card(board: Board, ds: DatasetReport, di: number, item: Item): string {
  const flags = itemFlags(item);
  // Flags hold positions within the dataset's models; the filters speak of the report's models.
  const global = (positions: readonly number[]): string => positions.map((p) => board.models.indexOf(ds.items.models[p] ?? '')).join(' ');
  const present = item.answers.flatMap((a, i) => (a === null ? [] : [i]));
  const attrs = `data-d="${di}" data-models="${global(present)}" data-wrong="${global(flags.wrong)}" data-unext="${global(flags.unextracted)}" data-failed="${global(flags.failed)}" data-flip="${flags.flipped ? '1' : '0'}"`;
  const fields = Object.entries(item.fields).map(([k, v]) => `${esc(k)}: ${esc(v)}`).join(', ');
  const head = `<div class="head"><b>${esc(ds.items.dataset)}</b> · row <b>${esc(item.index)}</b> · gold <b>${esc(item.gold)}</b>${fields === '' ? '' : ` · ${fields}`}`
    + `${flags.flipped ? '<span class="tag flip">flipped</span>' : ''}</div>`;
  const thumbs = (ds.thumbs.get(item.index) ?? []).map((key, i) => `<img data-img="${esc(key)}" alt="image ${i + 1} of row ${esc(item.index)}">`).join('');
  const question = item.question !== '' ? item.question : item.choices.map((c) => `${c.letter}. ${c.text}`).join('\n');
  const answers = item.answers.map((a, i) => answerRow(board, ds.items.models[i] ?? '', a)).join('');
  return `<article class="item" ${attrs}>${head}<div class="q">${thumbs === '' ? '' : `<div class="thumbs">${thumbs}</div>`}`
    + `<pre class="question">${esc(question)}</pre></div><table class="answers">${answers}</table></article>`;
}

function answerRow(board: Board, model: string, a: ModelAnswer | null): string {
  if (a === null) return `<tr class="unscored"><th>${swatch(board, model)}</th><td class="verdict">not asked</td><td></td></tr>`;
  const { cls, verdict, reason } = describe(a);
  const extra = [
    a.answerText === null ? '' : `<div class="muted">after post-processing: <code>${esc(a.answerText)}</code></div>`,
    a.reasoning === null || a.reasoning === '' ? '' : `<details><summary>reasoning field</summary><pre>${esc(a.reasoning)}</pre></details>`,
    reason === '' ? '' : `<div class="reason">${esc(reason)}</div>`,
  ].join('');
  return `<tr class="${cls}"><th>${swatch(board, model)}</th><td class="verdict">${esc(verdict)}</td><td><pre>${esc(a.response)}</pre>${extra}</td></tr>`;
}

function describe(a: ModelAnswer): { cls: string; verdict: string; reason: string } {
  const cut = a.truncated ? 'cut by max_tokens (finish_reason length)' : '';
  if (a.status === 'failed') {
    return { cls: 'failed', verdict: '✗ failed request', reason: `${a.error ?? 'unknown error'} (after ${a.attempts} attempt(s); not scored, asked again next run)` };
  }
  const found = a.extracted === null ? '' : ` · ${a.extracted} (${a.method ?? '?'})`;
  if (a.hit === true) return { cls: 'right', verdict: `✓ right${found}`, reason: cut };
  if (a.hit === false && a.extracted === null) {
    const why = a.method === 'judge-undecided' ? 'the judge could not place it either' : 'no extraction rule found an option';
    return { cls: 'wrong', verdict: '✗ unextracted', reason: [why, cut, a.response.trim() === '' ? 'empty answer' : ''].filter((s) => s !== '').join('; ') };
  }
  if (a.hit === false) return { cls: 'wrong', verdict: `✗ wrong${found}`, reason: cut };
  return { cls: 'unscored', verdict: 'not scored (run `actial-eval score`)', reason: cut };
}
