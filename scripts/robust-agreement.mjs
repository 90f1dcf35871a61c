// How often the `robust` pipeline decides, and agrees with the official labels, on published
// per-item model outputs. Run outside the tests (it reads a mirror, not the repo):
//
//   npm run robust:agreement -- --blink <zeyofu/BLINK_Benchmark checkout or bare git dir> [--show 20] [--pipeline vlmevalkit]
//
// BLINK (zeyofu/BLINK_Benchmark, eval/saved_outputs/<model>/<subtask>.json) publishes, per val
// item, the model's whole reply (`full_prediction`) and the official extracted answer
// (`prediction`: BLINK's rule, else GPT-3.5; "(Z)" where it found no option). The files hold no
// option texts, so they are rebuilt: each subtask's fixed options as its official prompts list
// them, and Counting's per item from the "(X) n" lines at least two models restated alike.
// Per model: answers with a clean official label, how many robust decides (coverage), how many of
// those equal the official letter (agreement; an official "(Z)" is a disagreement when robust
// decides), and with --show the disagreements.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { extractAnswer } from '../dist/src/extract/pipelines.js';

const { values } = parseArgs({ options: { blink: { type: 'string' }, show: { type: 'string', default: '0' }, pipeline: { type: 'string', default: 'robust' } } });
if (values.blink === undefined) {
  console.error('usage: npm run robust:agreement -- --blink <BLINK_Benchmark checkout or git dir> [--show N]');
  process.exit(2);
}

/** The files under eval/saved_outputs, read from a checkout or straight from a bare git dir. */
function savedOutputs(root) {
  const inCheckout = join(root, 'eval', 'saved_outputs');
  if (existsSync(inCheckout)) {
    return readdirSync(inCheckout, { withFileTypes: true }).filter((d) => d.isDirectory()).flatMap((d) =>
      readdirSync(join(inCheckout, d.name)).filter((f) => f.endsWith('.json')).map((f) => ({
        model: d.name, file: f, text: () => readFileSync(join(inCheckout, d.name, f), 'utf8'),
      })));
  }
  const git = (...args) => execFileSync('git', [`--git-dir=${root}`, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const commit = git('rev-parse', 'HEAD').trim();
  console.log(`zeyofu/BLINK_Benchmark@${commit}`);
  return git('ls-tree', '-r', '--name-only', 'HEAD', 'eval/saved_outputs').split('\n').filter((p) => p.endsWith('.json')).map((p) => ({
    model: p.split('/')[2], file: p.split('/')[3], text: () => git('show', `HEAD:${p}`),
  }));
}

const FIXED = {
  Art_Style: ['the second image', 'the third image'],
  Jigsaw: ['the second image', 'the third image'],
  Visual_Similarity: ['the second image', 'the third image'],
  Forensic_Detection: ['the first image', 'the second image', 'the third image', 'the fourth image'],
  Functional_Correspondence: ['Point A', 'Point B', 'Point C', 'Point D'],
  Semantic_Correspondence: ['Point A', 'Point B', 'Point C', 'Point D'],
  Visual_Correspondence: ['Point A', 'Point B', 'Point C', 'Point D'],
  IQ_Test: ['picture A', 'picture B', 'picture C', 'picture D'],
  'Multi-view_Reasoning': ['left', 'right'],
  Object_Localization: ['Box A', 'Box B'],
  Relative_Depth: ['A is closer', 'B is closer'],
  Relative_Reflectance: ['A is darker', 'B is darker', 'About the same'],
  Spatial_Relation: ['yes', 'no'],
};
const subtaskOf = (idx) => idx.replace(/^val_/, '').replace(/_\d+$/, '');

const rows = [];
for (const f of savedOutputs(values.blink)) {
  for (const r of JSON.parse(f.text()).val ?? []) rows.push({ model: f.model, idx: r.idx, reply: r.full_prediction, official: r.prediction });
}

// Counting's options differ per item: the count each letter labels in "(X) n" lines, where at
// least two replies agree and no other count comes within a third of that.
const counts = new Map();
for (const r of rows) {
  if (subtaskOf(r.idx) !== 'Counting') continue;
  for (const m of r.reply.matchAll(/^\s*\**\(([A-D])\)\s+(\d+)\s*\**\.?\s*$/gm)) {
    const key = `${r.idx}|${m[1]}`;
    const seen = counts.get(key) ?? new Map();
    seen.set(m[2], (seen.get(m[2]) ?? 0) + 1);
    counts.set(key, seen);
  }
}
function countingOptions(idx) {
  return ['A', 'B', 'C', 'D'].map((letter) => {
    const ranked = [...(counts.get(`${idx}|${letter}`) ?? new Map())].sort((a, b) => b[1] - a[1]);
    const [top, next] = ranked;
    return top !== undefined && top[1] >= 2 && (next === undefined || top[1] >= 3 * next[1]) ? top[0] : '';
  });
}
const optionsOf = (idx) => (FIXED[subtaskOf(idx)] ?? countingOptions(idx)).map((text, i) => ({ letter: String.fromCharCode(65 + i), text }));

const byModel = new Map();
const disagreements = [];
let malformed = 0;
for (const r of rows) {
  const label = /^\(([A-Z])\)$/.exec(r.official ?? '');
  if (label === null) {
    malformed++;
    continue;
  }
  const stats = byModel.get(r.model) ?? { answers: 0, decided: 0, agree: 0 };
  byModel.set(r.model, stats);
  stats.answers++;
  const { answer, method } = extractAnswer(values.pipeline, r.reply, optionsOf(r.idx));
  if (answer === null) continue;
  stats.decided++;
  if (answer === label[1]) stats.agree++;
  else disagreements.push({ ...r, answer, method });
}

const pct = (a, b) => (b === 0 ? '-' : `${((100 * a) / b).toFixed(2)} %`);
const total = { answers: 0, decided: 0, agree: 0 };
console.log(`\nBLINK val, the ${values.pipeline} pipeline against the official labels`);
console.log(['model', 'answers', 'decided', 'coverage', 'agree', 'agreement'].join('\t'));
for (const [model, s] of [...byModel].sort()) {
  for (const k of Object.keys(total)) total[k] += s[k];
  console.log([model, s.answers, s.decided, pct(s.decided, s.answers), s.agree, pct(s.agree, s.decided)].join('\t'));
}
console.log(['ALL', total.answers, total.decided, pct(total.decided, total.answers), total.agree, pct(total.agree, total.decided)].join('\t'));
console.log(`(${malformed} answers left out: their official label is not "(X)")`);
const byMethod = {};
for (const d of disagreements) byMethod[d.method] = (byMethod[d.method] ?? 0) + 1;
console.log('disagreements by method:', JSON.stringify(byMethod));
for (const d of disagreements.slice(0, Number(values.show))) {
  console.log(`\n== ${d.model} ${d.idx}: official ${d.official}, robust ${d.answer} (${d.method})\n${d.reply.slice(-400)}`);
}
