/**
 * VLMEvalKit's yes/no reading (open-compass/VLMEvalKit@e8e78f05, vlmeval/dataset/utils/yorn.py
 * `YOrN_Extraction` on vlmeval/smp/misc.py `process_punctuation`), re-implemented from its
 * behaviour: lower-case the reply, remove or space out punctuation, split on whitespace; "yes"
 * without "no" is Yes, "no" without "yes" is No, anything else Unknown (undecided here).
 *
 * process_punctuation's quirks are kept: each of its 21 marks is deleted (not spaced) when the
 * ORIGINAL text has it next to a space, or has any digit-comma-digit anywhere; and its final
 * `periodStrip.sub('', text, re.UNICODE)` passes re.UNICODE (32) as the count, so only the first 32
 * periods not between digits are removed.
 */
import type { ExtractStep } from './types.js';

const PUNCT = [';', '/', '[', ']', '"', '{', '}', '(', ')', '=', '+', '\\', '_', '-', '>', '<', '@', '`', ',', '?', '!'];
const COMMA_BETWEEN_DIGITS = /\p{Nd},\p{Nd}/u;
const PERIOD_NOT_BETWEEN_DIGITS = /(?<!\p{Nd})\.(?!\p{Nd})/gu;
/** re.UNICODE's value, which the original passes as sub's count. */
const PERIOD_COUNT = 32;
/** Python's str.split() separators. */
const PY_SPLIT = /[\t\n\x0b\x0c\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/u;

export function processPunctuation(text: string): string {
  let out = text;
  const commaStrip = COMMA_BETWEEN_DIGITS.test(text);
  for (const p of PUNCT) {
    const glued = text.includes(`${p} `) || text.includes(` ${p}`) || commaStrip;
    out = out.split(p).join(glued ? '' : ' ');
  }
  let removed = 0;
  return out.replace(PERIOD_NOT_BETWEEN_DIGITS, (m) => (removed++ < PERIOD_COUNT ? '' : m));
}

/** YOrN_Extraction: 'Yes', 'No', or null for its 'Unknown'. */
export function vlmevalkitYesNo(reply: string): string | null {
  const words = processPunctuation(reply.toLowerCase()).split(PY_SPLIT).filter((w) => w !== '');
  const yes = words.includes('yes');
  const no = words.includes('no');
  if (yes && !no) return 'Yes';
  if (no && !yes) return 'No';
  return null;
}

export const vlmevalkitYorn: ExtractStep = { name: 'vlmevalkit-yorn', run: (text) => vlmevalkitYesNo(text) };
