/**
 * Strict base64. Node's decoder silently skips bad characters and stops at stray padding, and
 * Python's `b64decode` (what VLMEvalKit uses) also drops non-alphabet characters by default, so a
 * damaged cell would still "decode" into a truncated image. We reject instead, to say which row.
 */

/**
 * Decoded bytes, or undefined when `text` is not canonical padded base64. No regex over the cell
 * (images are ~100 KB of text): Node's decoder skips any character outside its alphabet and stops at
 * misplaced '=', so a decoded length short of what the text length promises finds those; the only
 * extra characters Node accepts are the URL-safe '-' and '_', checked for directly.
 */
export function decodeBase64Strict(text: string): Buffer | undefined {
  if (text.length === 0 || text.length % 4 !== 0 || text.includes('-') || text.includes('_')) return undefined;
  const bytes = Buffer.from(text, 'base64');
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  return bytes.length === (text.length / 4) * 3 - padding ? bytes : undefined;
}

/** Says what is wrong with a non-base64 cell, for the error message. */
export function describeBadBase64(text: string): string {
  const bad = /[^A-Za-z0-9+/=]/.exec(text);
  if (bad) {
    return `invalid character ${JSON.stringify(bad[0])} at position ${bad.index}`;
  }
  if (text.length % 4 !== 0) return `length ${text.length} is not a multiple of 4`;
  return "misplaced '=' padding";
}
