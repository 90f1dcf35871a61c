/**
 * What a streamed TSV row keeps of a long cell, once the reader's buffer moves on. The parser hands
 * long unquoted cells back as views of its buffer (tsv-record.ts), valid only until the next read;
 * the row keeps a copy of each, except the image cell, which is decoded from the view at once: a
 * copy of ~133 KB a row (on top of the ~100 KB image) doubled the memory allocated outside V8's
 * heap, and with it the full garbage collections that such allocations trigger.
 */
import { decodeBase64Strict } from './base64.js';
import { cellText, type TsvCell } from './tsv-record.js';

/** A base64 image cell decoded when its row was read; its text is rebuilt only if asked for. */
export class DecodedCell {
  constructor(
    readonly data: Buffer,
    /** The text, kept only when re-encoding `data` would not give it back (non-canonical base64). */
    private readonly kept: Buffer | undefined,
  ) {}

  /** The cell's exact text. */
  text(): string {
    return this.kept?.toString('latin1') ?? this.data.toString('base64');
  }
}

export type HeldCell = TsvCell | DecodedCell;

export function heldText(cell: HeldCell): string {
  return cell instanceof DecodedCell ? cell.text() : cellText(cell);
}

/** The image cell as the row keeps it: decoded when it is one base64 image, else a copy of its bytes. */
export function holdImageCell(view: Buffer): HeldCell {
  const isList = view[0] === OPEN_BRACKET && view[view.length - 1] === CLOSE_BRACKET;
  // Not base64 (or a list): kept as is, so reading the row's images reports it as before.
  const data = isList ? undefined : decodeBase64Strict(view);
  if (data === undefined) return Buffer.from(view);
  return new DecodedCell(data, isCanonical(view) ? undefined : Buffer.from(view));
}

const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const EQUALS = 0x3d;
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/**
 * Strict base64 (already checked) re-encodes to the same text unless the letter before the padding
 * carries bits no byte uses (2 of them before '=', 4 before '=='), which decoders ignore.
 */
function isCanonical(text: Buffer): boolean {
  const end = text.length;
  const padding = text[end - 1] === EQUALS ? (text[end - 2] === EQUALS ? 2 : 1) : 0;
  if (padding === 0) return true;
  const value = ALPHABET.indexOf(String.fromCharCode(text[end - 1 - padding] ?? 0));
  return (value & (padding === 1 ? 0b11 : 0b1111)) === 0;
}
