/**
 * lmms-eval's shared multiple-choice extractor (EvolvingLMMs-Lab/lmms-eval@75571cfe,
 * lmms_eval/tasks/_task_utils/mcq_extract.py `extract_mcq_answer`, used by realworldqa, mmstar,
 * videomme, … ), re-implemented from its behaviour. On the reply stripped of whitespace, then of
 * each of , . ! ? ; : ' " in turn at both ends, padded with a space each side, every choice letter
 * becomes a candidate in each form it appears in — "(A)", "A.", "A:", "A)", "A " (last occurrence),
 * after an answer phrase ("the answer is", …: the first upper-case letter anywhere after the phrase's
 * first occurrence), at the start or the end when not next to another letter — and, only when none
 * did, anywhere (last occurrence). The best form wins (start > end > phrase > parentheses > period >
 * colon > right paren > space > fallback), then the later position. Case-sensitive: "a" is no A.
 */
import { pyStrip } from './python.js';

const DEFAULT_CHOICES = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'];

const ANSWER_PHRASES = [
  'the answer is', 'answer is', 'the correct answer is', 'correct answer is', 'the best answer is', 'best answer is',
  'the correct option is', 'correct option is', 'the best option is', 'best option is', 'the choice is', 'choice is',
  'the correct choice is', 'correct choice is', 'i choose', 'i select', 'i pick', 'my answer is', 'my choice is',
  '옵션', '정답은', '답은', '답:', '答案是', '答案为', '选', '答えは',
];

/** Characters stripped from both ends, one after another, as the original's loop does. */
const EDGE_CHARS = [',', '.', '!', '?', ';', ':', "'", '"'];

interface Candidate {
  readonly letter: string;
  /** Higher wins (the original's _FORMAT_PRIORITY). */
  readonly priority: number;
  readonly position: number;
}

function stripChar(text: string, ch: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && text[start] === ch) start++;
  while (end > start && text[end - 1] === ch) end--;
  return text.slice(start, end);
}

const IS_ALPHA = /^\p{L}$/u;

/** The forms a letter is searched in, with their priority: the text must contain `form(letter)`. */
const SUBSTRING_FORMS: readonly (readonly [number, (ch: string) => string])[] = [
  [6, (ch) => `(${ch})`],
  [5, (ch) => `${ch}.`],
  [4, (ch) => `${ch}:`],
  [3, (ch) => `${ch})`],
  [2, (ch) => `${ch} `],
];

function phraseCandidates(text: string, choices: readonly string[]): Candidate[] {
  const lower = text.toLowerCase();
  const out: Candidate[] = [];
  for (const phrase of ANSWER_PHRASES) {
    const at = lower.indexOf(phrase);
    if (at < 0) continue;
    for (const ch of choices) {
      const pos = text.indexOf(ch, at + phrase.length);
      if (pos >= 0) out.push({ letter: ch, priority: 7, position: pos });
    }
  }
  return out;
}

function edgeCandidates(text: string, choices: readonly string[]): Candidate[] {
  const stripped = [...pyStrip(text)];
  const out: Candidate[] = [];
  const second = stripped[1] ?? '';
  const beforeLast = stripped[stripped.length - 2] ?? '';
  for (const ch of choices) {
    if (stripped[0] === ch && (stripped.length === 1 || !IS_ALPHA.test(second))) out.push({ letter: ch, priority: 10, position: 0 });
  }
  for (const ch of choices) {
    if (stripped[stripped.length - 1] === ch && (stripped.length === 1 || !IS_ALPHA.test(beforeLast))) out.push({ letter: ch, priority: 9, position: text.length - 1 });
  }
  return out;
}

/** The best candidate: highest priority, then latest position; the first listed on a tie (Python's stable sort). */
function best(candidates: readonly Candidate[]): string {
  let top: Candidate | undefined;
  for (const c of candidates) {
    if (top === undefined || c.priority > top.priority || (c.priority === top.priority && c.position > top.position)) top = c;
  }
  return top?.letter ?? '';
}

/** `extract_mcq_answer`: the chosen letter, or '' when none is found. */
export function lmmsMcqAnswer(response: string, choices: readonly string[] = DEFAULT_CHOICES): string {
  if (pyStrip(response) === '') return '';
  let text = pyStrip(response);
  for (const ch of EDGE_CHARS) text = stripChar(text, ch);
  text = ` ${text} `;
  const candidates: Candidate[] = [];
  for (const [priority, form] of SUBSTRING_FORMS) {
    for (const ch of choices) {
      const pos = text.lastIndexOf(form(ch));
      if (pos >= 0) candidates.push({ letter: ch, priority, position: pos });
    }
  }
  candidates.push(...phraseCandidates(text, choices), ...edgeCandidates(text, choices));
  if (candidates.length === 0) {
    for (const ch of choices) {
      const pos = text.lastIndexOf(ch);
      if (pos >= 0) candidates.push({ letter: ch, priority: 0, position: pos });
    }
  }
  return best(candidates);
}
