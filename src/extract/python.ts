/**
 * Python `str` / `re` semantics that the official extractors rely on and JS does not share, so that
 * their ports (spatial-bench.ts, blink.ts) decide exactly as the Python code does. The sets were
 * checked against CPython 3.11.
 */

/**
 * Python's `str.isspace()` set, which `str.split()`, `str.strip()` and `re`'s `\s` use on str, as a
 * regex class body. JS `\s` differs: it adds U+FEFF and lacks U+001C–U+001F and U+0085.
 */
export const PY_WS = '\\t\\n\\x0b\\x0c\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';

/** `re`'s `\w` on str (letters and numbers of any script, and '_'), as a class body; needs the `u` flag. */
export const PY_WORD = '\\p{L}\\p{N}_';

/** `re`'s Unicode `\b` (JS `\b` knows only ASCII word characters); needs the `u` flag. */
export const PY_BOUNDARY = `(?:(?<=[${PY_WORD}])(?![${PY_WORD}])|(?<![${PY_WORD}])(?=[${PY_WORD}]))`;

export function isPyWhitespace(code: number): boolean {
  if (code < 0x80) return (code >= 0x09 && code <= 0x0d) || (code >= 0x1c && code <= 0x20);
  return (
    code === 0x85 || code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000
  );
}

/** `str.strip()` with no argument. */
export function pyStrip(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && isPyWhitespace(s.charCodeAt(start))) start++;
  while (end > start && isPyWhitespace(s.charCodeAt(end - 1))) end--;
  return start === 0 && end === s.length ? s : s.slice(start, end);
}

// `str.splitlines()` breaks at these (more than JS's \n and \r: also VT, FF, FS, GS, RS, NEL, LS, PS).
const LINE_BREAK = /\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]/;

/** `str.splitlines()`: no empty last line for a trailing break, and [] for ''. */
export function pySplitLines(s: string): string[] {
  const lines = s.split(LINE_BREAK);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** `s[-n:]`: the last n code points (Python indexes code points, JS UTF-16 units). */
export function lastCodePoints(s: string, n: number): string {
  if (s.length <= n) return s;
  let i = s.length;
  for (let count = 0; count < n && i > 0; count++) {
    const low = s.charCodeAt(i - 1);
    const high = i >= 2 ? s.charCodeAt(i - 2) : 0;
    i -= low >= 0xdc00 && low <= 0xdfff && high >= 0xd800 && high <= 0xdbff ? 2 : 1;
  }
  return s.slice(i);
}

const PY_DIGITS = '[0-9](?:_?[0-9])*';
const PY_INT = new RegExp(`^[+-]?${PY_DIGITS}$`);
const PY_FLOAT = new RegExp(`^[+-]?(?:(?:${PY_DIGITS})?\\.${PY_DIGITS}|${PY_DIGITS}\\.?)(?:[eE][+-]?${PY_DIGITS})?$`);
const PY_FLOAT_WORD = /^([+-]?)(inf|infinity|nan)$/i;

/**
 * The zero of every run of Unicode decimal digits (category Nd, Unicode 14 as in CPython 3.11):
 * int() and float() read any of them as its value, the distance from its run's zero.
 */
const DIGIT_ZEROS = [
  0x30, 0x660, 0x6f0, 0x7c0, 0x966, 0x9e6, 0xa66, 0xae6, 0xb66, 0xbe6, 0xc66, 0xce6, 0xd66, 0xde6, 0xe50, 0xed0, 0xf20,
  0x1040, 0x1090, 0x17e0, 0x1810, 0x1946, 0x19d0, 0x1a80, 0x1a90, 0x1b50, 0x1bb0, 0x1c40, 0x1c50, 0xa620, 0xa8d0, 0xa900,
  0xa9d0, 0xa9f0, 0xaa50, 0xabf0, 0xff10, 0x104a0, 0x10d30, 0x11066, 0x110f0, 0x11136, 0x111d0, 0x112f0, 0x11450, 0x114d0,
  0x11650, 0x116c0, 0x11730, 0x118e0, 0x11950, 0x11c50, 0x11d50, 0x11da0, 0x16a60, 0x16ac0, 0x16b50, 0x1d7ce, 0x1d7d8,
  0x1d7e2, 0x1d7ec, 0x1d7f6, 0x1e140, 0x1e2f0, 0x1e950, 0x1fbf0,
];

/** Unicode decimal digits written as ASCII ones, as Python reads them for int() and float(). */
function asciiDigits(text: string): string {
  if (!/[^\x00-\x7f]/.test(text)) return text;
  return text.replace(/\p{Nd}/gu, (d) => {
    const cp = d.codePointAt(0) as number;
    let zero = 0x30;
    for (const z of DIGIT_ZEROS) if (z <= cp) zero = z;
    return cp - zero < 10 ? String(cp - zero) : d;
  });
}

/**
 * Python's `int(text)` on a str, or null where it raises: surrounding whitespace, a sign, digit
 * underscores and any script's decimal digits are accepted; "3.0", "3 chairs", "three" and "" are not.
 */
export function pyInt(text: string): number | null {
  const t = asciiDigits(pyStrip(text));
  return PY_INT.test(t) ? Number(t.replace(/_/g, '')) : null;
}

/** Python's `float(text)` on a str, or null where it raises ("2,5", "2.5 m", "" raise; "nan", "inf", "1e3" do not). */
export function pyFloat(text: string): number | null {
  const t = asciiDigits(pyStrip(text));
  const word = PY_FLOAT_WORD.exec(t);
  if (word !== null) return (word[2] as string).toLowerCase() === 'nan' ? Number.NaN : word[1] === '-' ? -Infinity : Infinity;
  return PY_FLOAT.test(t) ? Number(t.replace(/_/g, '')) : null;
}
