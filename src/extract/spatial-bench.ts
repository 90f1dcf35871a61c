/**
 * VLMEvalKit's spatial-bench option matcher, re-implemented from its rules for the
 * `vlmevalkit-spatial` pipeline. Reference: open-compass/VLMEvalKit @ e8e78f05,
 * vlmeval/dataset/utils/spatial_bench/matching_func.py `can_match_option`, which
 * vlmeval/dataset/utils/spatial_bench/cal_scores.py `compute_mcq_score` calls on the raw prediction
 * WITHOUT choices (so the letters are always A–F) for MMSIBench_wo_circular
 * (vlmeval/dataset/mmsibench.py) and the other spatial benchmarks.
 *
 * Its seven stages are the steps below, in order; each works on the prediction stripped (Python
 * `strip()`) and then cleared of zero-width characters. Where the code and its docstring disagree,
 * the code is followed: the phrase stage is case-insensitive and takes the FIRST match in the WHOLE
 * text, not the last in the tail window. The question's choices are ignored, as in the original.
 */
import { lastCodePoints, PY_BOUNDARY, PY_WS, pySplitLines, pyStrip } from './python.js';
import type { ExtractStep } from './types.js';

const S = `[${PY_WS}]`;
// Python's IGNORECASE also folds 'ı' and 'İ' onto i/I, which JS's `iu` does not ('ſ' and the
// Kelvin sign it folds like Python); hence the explicit [iıİ] in case-insensitive patterns.
const I = '[iıİ]';
const ZERO_WIDTH = /[\u200b\u200c\u200d\ufeff]/g;
const TAIL_WINDOW = 800;
const TAIL_LINES = 6;

// The six steps run one after another on the same prediction: clean it once, not six times.
let lastRaw = '';
let lastCleaned = '';

function clean(text: string): string {
  if (text !== lastRaw) {
    lastCleaned = pyStrip(text).replace(ZERO_WIDTH, '');
    lastRaw = text;
  }
  return lastCleaned;
}

// Stage 2: the first <answer …>…</answer> block whose content starts with a letter A–J, any case;
// nothing is required after the letter ("<answer>dog</answer>" reads as 'D').
const ANSWER_BLOCK = new RegExp(
  `<${S}*answer(?![\\p{L}\\p{N}_])[^>]*>${S}*([A-Ja-jıİ])(?:${S}*[.．:：)\\]】、])?[^]*?<${S}*/${S}*answer${S}*>`,
  'iu',
);

/**
 * Stage 3: a letter (any case) right before a closing tag, first match in the last 800 characters.
 * Unlike stage 2's, these closing tags allow no space between '<' and '/', as in the original.
 */
const beforeClosing = (tag: string): RegExp =>
  new RegExp(`(?<![A-Za-zıİ])[([{（【]?${S}*([A-Fa-f])${S}*[)\\]}）】]?${S}*</${S}*${tag}${S}*>`, 'iu');
const BEFORE_ANSWER_CLOSE = beforeClosing('answer');
const BEFORE_THINK_CLOSE = beforeClosing(`th${I}nk`);

// Stages 4 and 5 scan the last 6 lines, last first, skipping "Option A:" enumeration lines.
const OPTION_LINE = new RegExp(`^[*_>\\-${PY_WS}]*(?:opt${I}on|选项)${S}+[A-Ja-jıİ]${S}*[:：]`, 'iu');
const SINGLE_LETTER_LINE = new RegExp(`^${S}*[*_\`>（）[\\]【】()]*${S}*([A-Fa-f])${S}*[*_\`（）[\\]【】()]*${S}*$`, 'u');
const LABELLED_LINE = new RegExp(`^${S}*([A-Fa-f])${S}*[.．:：)\\]】、-]${S}+`, 'u');
const TIGHT_PUNCT = '.,:;!?)\\]】》」』，。；、：）】》」』';
const INLINE_LETTER = new RegExp(
  `(?<![A-Za-z])[*_\`（[{(]*${S}*([A-F])${S}*[*_\`）\\]})]*(?=$|[${PY_WS}${TIGHT_PUNCT}])`,
  'gu',
);
const THINK_CLOSE = new RegExp(`</${S}*th${I}nk${S}*>`, 'giu');
const THINK_OPEN = new RegExp(`<${S}*th${I}nk${S}*>`, 'giu');

// Stage 6: a concluding phrase then a letter (any case), first match anywhere in the text.
const PHRASE = new RegExp(
  `(?:f${I}nal${S}*answer|the${S}*answer${S}*${I}s|answer(?:${S}*${I}s)?|correct${S}*answer|` +
    `答案|最终答案|结论|所以|因此|我选(?:择)?|选择|选)` +
    `${S}*[:：>＝=]?${S}*[([{（【]?${S}*([A-Fa-f])${S}*[)\\]}）】]?(?:${PY_BOUNDARY}|[.)、。])`,
  'iu',
);

// Stage 7: exactly one distinct standalone uppercase letter in the whole text.
const STANDALONE_LETTER = new RegExp(`(?<![A-Za-z])[([{（【]?${S}*([A-F])${S}*[)\\]}）】]?(?![A-Za-z])`, 'gu');

function blockLetter(text: string): string | null {
  return ANSWER_BLOCK.exec(clean(text))?.[1]?.toUpperCase() ?? null;
}

function tailTagLetter(text: string): string | null {
  const tail = lastCodePoints(clean(text), TAIL_WINDOW);
  if (!tail.includes('</')) return null; // both patterns need it: skip scanning every letter
  const m = BEFORE_ANSWER_CLOSE.exec(tail) ?? BEFORE_THINK_CLOSE.exec(tail);
  return m?.[1]?.toUpperCase() ?? null;
}

/** The only distinct group-1 value among a global pattern's matches, else null. */
function uniqueMatch(text: string, pattern: RegExp): string | null {
  let only: string | null = null;
  for (const m of text.matchAll(pattern)) {
    const v = m[1] ?? '';
    if (only === null) only = v;
    else if (v !== only) return null;
  }
  return only;
}

function pickFromLines(lines: readonly string[]): string | null {
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = pyStrip(lines[i] ?? '');
    if (line === '' || OPTION_LINE.test(line)) continue;
    const m = SINGLE_LETTER_LINE.exec(line) ?? LABELLED_LINE.exec(line);
    if (m?.[1] !== undefined) return m[1].toUpperCase();
    // Several different inline letters leave this line undecided and move on to the one above.
    const only = uniqueMatch(line, INLINE_LETTER);
    if (only !== null) return only;
  }
  return null;
}

const lastLines = (s: string): string[] => pySplitLines(s).slice(-TAIL_LINES);

/** The text after the last `</think>`, else after the last `<think>`, else all of it. */
function afterThink(text: string): string {
  if (!text.includes('<')) return text;
  let end = -1;
  for (const m of text.matchAll(THINK_CLOSE)) end = m.index + m[0].length;
  if (end < 0) for (const m of text.matchAll(THINK_OPEN)) end = m.index + m[0].length;
  return end < 0 ? text : pyStrip(text.slice(end));
}

function afterThinkLinesLetter(text: string): string | null {
  return pickFromLines(lastLines(afterThink(clean(text))));
}

function tailLinesLetter(text: string): string | null {
  const cleaned = clean(text);
  const tail = lastCodePoints(cleaned, TAIL_WINDOW);
  // Short and without think tags, these are the very lines stage 4 found nothing in.
  if (tail === afterThink(cleaned)) return null;
  return pickFromLines(lastLines(tail));
}

function phraseLetter(text: string): string | null {
  return PHRASE.exec(clean(text))?.[1]?.toUpperCase() ?? null;
}

// Cheap test for a possible enumeration line. Without one, dropping none and re-joining the lines
// with '\n' changes nothing the pattern can see (every line break is Python whitespace).
const MAY_ENUMERATE = new RegExp(`opt${I}on|选项`, 'iu');

function uniqueLetter(text: string): string | null {
  const cleaned = clean(text);
  const kept = MAY_ENUMERATE.test(cleaned)
    ? pySplitLines(cleaned).filter((line) => !OPTION_LINE.test(line)).join('\n')
    : cleaned;
  return uniqueMatch(kept, STANDALONE_LETTER);
}

/** Stages 2–7 of can_match_option (stage 1 builds the letter set), named for the recorded method. */
export const SPATIAL_STEPS: readonly ExtractStep[] = [
  { name: 'spatial-answer-block', run: blockLetter },
  { name: 'spatial-tail-tag', run: tailTagLetter },
  // Stage 4: the last 6 lines after the last think tag (of the whole text when there is none).
  { name: 'spatial-last-lines', run: afterThinkLinesLetter },
  // Stage 5: the last 6 lines of the last 800 characters, think content included.
  { name: 'spatial-window-lines', run: tailLinesLetter },
  { name: 'spatial-phrase', run: phraseLetter },
  { name: 'spatial-unique-letter', run: uniqueLetter },
];
