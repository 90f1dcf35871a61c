/**
 * Chat messages of a training-data record (LLaMA-Factory ShareGPT, verl RL prompts) as a Sample's
 * prompt: the `<image>` marks of the text bound, in order, to the record's image list, the last
 * user turn as the Sample's parts and what precedes it as its conversation.
 */
import type { Conversation, ConversationTurn, ImageBytes, PromptPart } from '../core/types.js';
import { DataError } from '../core/errors.js';

export const IMAGE_MARK = '<image>';

export interface ChatTurn {
  readonly role: 'system' | 'user' | 'assistant';
  readonly text: string;
}

/** Where a record is, for errors. */
export interface RecordSite {
  readonly file: string;
  readonly row: number;
  /** The field holding the messages (`messages`, `conversations`, `prompt`). */
  readonly field: string;
  /** The field holding the images. */
  readonly imagesField: string;
}

/** `<image>` marks in the turns, in order. */
export function countImageMarks(turns: readonly ChatTurn[]): number {
  let n = 0;
  for (const t of turns) n += t.text.split(IMAGE_MARK).length - 1;
  return n;
}

/** Throws unless the marks and the images pair up one to one. */
export function checkImageCount(site: RecordSite, marks: number, images: number): void {
  if (marks === images) return;
  throw new DataError(
    site.file,
    { row: site.row, column: site.imagesField },
    `${images} image(s) in '${site.imagesField}' but ${marks} ${IMAGE_MARK} mark(s) in '${site.field}'; expected one ${IMAGE_MARK} per image, in order`,
  );
}

/**
 * Text split at `<image>` into text and image parts, as verl's RLHFDataset._build_messages and
 * LLaMA-Factory's mm_plugin place them. Empty text pieces are left out: a chat template renders
 * an empty text part as nothing, so the prompt the model sees is the same.
 */
function partsOf(text: string, images: readonly ImageBytes[], next: { at: number }): PromptPart[] {
  const parts: PromptPart[] = [];
  text.split(IMAGE_MARK).forEach((piece, i) => {
    if (i > 0) parts.push({ kind: 'image', image: images[next.at++] as ImageBytes });
    if (piece !== '') parts.push({ kind: 'text', text: piece });
  });
  return parts;
}

export interface ChatPrompt {
  /** The last user turn. */
  readonly parts: readonly PromptPart[];
  readonly conversation: Conversation | undefined;
}

/**
 * The prompt of `turns` (an optional system turn first, then user and assistant turns ending with
 * the user's): `images` must already match the marks (checkImageCount).
 */
export function chatPrompt(site: RecordSite, turns: readonly ChatTurn[], images: readonly ImageBytes[]): ChatPrompt {
  const [first, ...rest] = turns;
  const system = first?.role === 'system' ? first.text : undefined;
  if (system?.includes(IMAGE_MARK) === true) throw new DataError(site.file, { row: site.row, column: site.field }, `the system turn holds ${IMAGE_MARK}; expected images in user turns only`);
  const dialogue = system === undefined ? turns : rest;
  const last = dialogue.at(-1);
  if (last === undefined || last.role !== 'user') {
    throw new DataError(site.file, { row: site.row, column: site.field }, 'expected the prompt to end with a user turn');
  }
  const next = { at: 0 };
  const earlier: ConversationTurn[] = [];
  for (const [i, turn] of dialogue.slice(0, -1).entries()) {
    if (turn.role === 'system') throw new DataError(site.file, { row: site.row, column: site.field }, `turn ${i + 1 + (system === undefined ? 0 : 1)} is a system turn; expected the system turn first or none`);
    if (turn.role === 'assistant' && turn.text.includes(IMAGE_MARK)) {
      throw new DataError(site.file, { row: site.row, column: site.field }, `an assistant turn holds ${IMAGE_MARK}; expected images in user turns only`);
    }
    earlier.push({ role: turn.role, parts: partsOf(turn.text, images, next) });
  }
  const parts = partsOf(last.text, images, next);
  const conversation = system === undefined && earlier.length === 0 ? undefined : { ...(system !== undefined ? { system } : {}), turns: earlier };
  return { parts, conversation };
}
