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
