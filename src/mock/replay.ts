/**
 * A replay file: replies the mock gives instead of its own, so a test (or a user) can replay
 * known outputs over real HTTP: a model's published answers, and the decisions an official LLM
 * judge made on them. JSONL, one reply per line:
 *   {"judged": "<the answer a judge prompt asks about>", "content": "(B)"}   judge prompts
 *   {"contains": "<text in the question>", "content": "The answer is …"}     any other request
 * A judge prompt (ours or a benchmark's authors') is matched by the exact answer it quotes; any
 * other request by the first `contains` line whose text is in its user message. Unmatched
 * requests are answered as without a replay file.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { InputError } from '../core/errors.js';
import { parseJsonLine } from './json-line.js';

export interface Replay {
  /** Judged answer → the judge's reply. */
  readonly judged: ReadonlyMap<string, string>;
  /** In file order: the first whose text a request contains answers it. */
  readonly contains: readonly { readonly text: string; readonly content: string }[];
}

const EXPECTED = 'expected {"judged": string, "content": string} or {"contains": string, "content": string}';
const LINE = z.union([
  z.strictObject({ judged: z.string(), content: z.string() }),
  z.strictObject({ contains: z.string().min(1), content: z.string() }),
]);

export async function loadReplay(file: string): Promise<Replay> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new InputError(`cannot read replay file ${file}: ${(error as Error).message}`);
  }
  const judged = new Map<string, string>();
  const contains: { text: string; content: string }[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    const entry = parseJsonLine(line, `${file}:${i + 1}`, LINE, EXPECTED);
    if ('judged' in entry) judged.set(entry.judged, entry.content);
    else contains.push({ text: entry.contains, content: entry.content });
  });
  return { judged, contains };
}

/** The replayed reply to a request that is not a judge prompt, if any. */
export function replayedAnswer(replay: Replay | undefined, userText: string): string | undefined {
  return replay?.contains.find((c) => userText.includes(c.text))?.content;
}
