/**
 * The `robust` pipeline: our own best-effort reading of a reply, never any benchmark's official
 * rule. It reads the reply's conclusion, not its reasoning, and abstains (null) when unsure: its
 * narrowers withhold a reply that `doubtful` (robust-doubt.ts) flags, so a reply that contradicts
 * itself is undecided whichever step would have read it.
 *
 * Steps, first that decides wins (on the `<answer>` content, else the text outside `<think>`):
 * box, the whole reply a lone letter or a letter with its own text, the last "answer is" statement
 * (only uppercase bare letters: "the answer is a cube" is no A), a code span, the last
 * paragraph's only label, a leading letter whose explanation names no other option, a last-line
 * letter, and last an option's text (the whole reply, or affirmed in the last line, never in a
 * negated clause: "not the lamp, but the chair" is the chair).
 *
 * VLMEvalKit's rules are not among them: its "answer is" regex reads "the answer is based on" as B.
 */
import type { Choice } from '../core/types.js';
import { answerIs, bareLetter, lastLineLetter, leadingLetterOf, letterAndText } from './heuristics.js';
import { backticks, boxed } from './markup.js';
import { answerTag, think } from './narrow.js';
import { collapse, hasPhrase, squash } from './option-text.js';
import { doubtful } from './robust-doubt.js';
import { optionLetter, type ExtractStep, type Narrower, type Pipeline } from './types.js';

// ------------------------------------------------------------------ the last paragraph's label

const BRACKETED_LABEL = /[([（][A-Za-z][)\]）]/;
const LABEL = /[([（]([A-Za-z])[)\]）]|\b(?:option|choice)[ \t]+([A-Z])\b|^[ \t*_#>]*([A-Z])(?:[.):]|\*\*)/gim;

/** The text after the last blank line. */
function lastParagraph(text: string): string {
  const paragraphs = text.trim().split(/\n[ \t]*\n/);
  return paragraphs[paragraphs.length - 1] ?? '';
}

/** The last paragraph labels exactly one letter ("Therefore, the third image (B) is the most similar."). */
export function conclusionLabelOf(text: string, choices: readonly Choice[]): string | null {
  const paragraph = lastParagraph(text);
  // A cut-off reply has not concluded; a label in a rejecting or contrasting clause is no choice.
  if (!finished(paragraph)) return null;
  const letters = new Set<string>();
  for (const part of paragraph.split(TURN)) {
    for (const m of part.matchAll(LABEL)) {
      if (NEGATION.test(part)) return null;
      letters.add((m[1] ?? m[2] ?? m[3] ?? '').toUpperCase());
    }
  }
  if (letters.size !== 1) return null;
  return optionLetter([...letters][0], choices);
}

// ------------------------------------------------------------------ a leading letter, explained

/** The options whose own text occurs as a phrase in `text`. */
function optionsNamed(text: string, choices: readonly Choice[]): string[] {
  const line = collapse(text);
  return choices.filter((c) => squash(c.text) !== '' && hasPhrase(line, collapse(c.text))).map((c) => c.letter);
}

/** "B\nThe second image fits …" is no B when A is the second image: the explanation names only its own option. */
export function explainedLeadingLetterOf(text: string, choices: readonly Choice[]): string | null {
  const letter = leadingLetterOf(text, choices);
  if (letter === null) return null;
  const rest = text.trimStart().replace(/^\S+/, '');
  return optionsNamed(rest, choices).every((l) => l === letter) ? letter : null;
}

// ------------------------------------------------------------------ a short sentence's only letter

const TOKEN_BREAK = /[\s.,;:!?()[\]{}*_"'`“”‘’（）【】，。：；！？]+/;

/**
 * A one-line reply of a few words with exactly one option letter among its tokens, written in
 * uppercase: "I would say A.", "It is B", "B is the answer", "选 B". A sentence-initial "A" before a
 * lowercase word is the article ("A dog", "A is closer" is left to the option text), and lowercase
 * letters never count ("a", "an" start sentences).
 */
/** Words after which a sentence-initial "A" is the letter, not the article ("A or B", "A is correct"). */
const LETTER_VERBS: ReadonlySet<string> = new Set(['or', 'and', 'is', 'was', 'seems', 'looks', 'appears', 'fits', 'because', 'since', 'as']);

export function soleLetterTokenOf(text: string, choices: readonly Choice[]): string | null {
  const line = text.trim();
  if (line.includes('\n')) return null;
  const tokens = line.split(TOKEN_BREAK).filter((t) => t !== '');
  if (tokens.length > SHORT_WORDS) return null;
  const found = new Set<string>();
  tokens.forEach((t, i) => {
    const next = tokens[1] ?? '';
    const article = t === 'A' && i === 0 && /^[a-z]/.test(next) && !LETTER_VERBS.has(next);
    if (/^[A-Z]$/.test(t) && !article && t !== 'I') found.add(t);
  });
  if (found.size !== 1) return null;
  return optionLetter([...found][0], choices);
}

// ------------------------------------------------------------------ an option's text, affirmed

/** Words that reject, contrast or hedge: an option named beside them is not affirmed. */
const NEGATION =
  /\b(?:not|no|never|neither|nor|none|cannot|lacks?|without|unlike|except|instead|rather|whereas|while|other hand|different|differs|less|least|unlikely|might|may|could|possibly|potentially|perhaps)\b|n't\b/i;
/** A finished sentence ends the last line (a cut-off reply, a list item or "… is:" concludes nothing). */
const CONCLUDES = /[.!。]["'”’)\]*_]*$/;
const SHORT_WORDS = 12;

/** The text's last line is short (a label, an option) or a finished sentence. */
function finished(text: string): boolean {
  const line = text.trim().slice(text.trim().lastIndexOf('\n') + 1).trim();
  return line.split(/\s+/).length <= SHORT_WORDS || CONCLUDES.test(line);
}
const LIST_ITEM = /^\s*(?:[-*•]|\d+[.)])\s/;
/** Where a sentence turns ("not the lamp, but the chair"): each part is affirmed or negated alone. */
const TURN = /[.;!?]\s|\bbut\b|\bwhereas\b|\bhowever\b/i;

/** The only option affirmed in the last line, or the whole reply is one option's text. */
export function affirmedOptionTextOf(text: string, choices: readonly Choice[]): string | null {
  const whole = squash(text);
  if (whole === '') return null;
  const exact = choices.filter((c) => squash(c.text) === whole);
  if (exact.length > 0) return exact.length === 1 ? (exact[0]?.letter ?? null) : null;
  const trimmed = text.trimEnd();
  const line = trimmed.slice(trimmed.lastIndexOf('\n') + 1);
  if (LIST_ITEM.test(line) || !finished(line)) return null;
  // A label in the conclusion is the letter steps' to read; beside an option's text it is a doubt.
  if (BRACKETED_LABEL.test(lastParagraph(text))) return null;
  // Every option the last paragraph names must be rejected but one, which must be in the last line.
  const affirmed = new Set<string>();
  const negated = new Set<string>();
  for (const part of lastParagraph(text).split(TURN)) {
    for (const letter of optionsNamed(part, choices)) (NEGATION.test(part) ? negated : affirmed).add(letter);
  }
  const only = [...affirmed].filter((l) => !negated.has(l));
  const letter = only.length === 1 && affirmed.size === 1 ? only[0] : undefined;
  return letter !== undefined && optionsNamed(line, choices).includes(letter) ? letter : null;
}

// ------------------------------------------------------------------ the pipeline

/**
 * The narrower, then the doubt check: a doubtful reply narrows to '' so that no step decides (the
 * check runs once per reply, however many steps follow).
 */
function doubting(narrower: Narrower): Narrower {
  return {
    name: narrower.name,
    narrow: (text, choices = []) => {
      const narrowed = narrower.narrow(text);
      return narrowed === null || !doubtful(narrowed, choices) ? narrowed : '';
    },
  };
}

/** The whole reply, withheld when doubtful; else null (the steps read the reply as it is). */
const wholeReply: Narrower = { name: 'doubt', narrow: (text, choices = []) => (doubtful(text, choices) ? '' : null) };

const conclusionLabel: ExtractStep = { name: 'conclusion-label', run: conclusionLabelOf };
const explainedLeadingLetter: ExtractStep = { name: 'leading-letter', run: explainedLeadingLetterOf };
const affirmedOptionText: ExtractStep = { name: 'option-text', run: affirmedOptionTextOf };
const soleLetterToken: ExtractStep = { name: 'sole-letter', run: soleLetterTokenOf };

export const ROBUST: Pipeline = {
  name: 'robust',
  rule: 'ours, never official: the conclusion (box, lone letter, last "answer is", last paragraph\'s one label, an affirmed option text); undecided when the reply contradicts itself or declines',
  narrowers: [doubting(answerTag), doubting(think), wholeReply],
  // Marks of a deliberate answer (box, whole reply, "answer is", code span) before positional guesses.
  steps: [boxed, bareLetter, letterAndText, answerIs, backticks, conclusionLabel, explainedLeadingLetter, lastLineLetter, soleLetterToken, affirmedOptionText],
};
