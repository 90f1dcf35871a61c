/**
 * List-valued cells. VLMEvalKit's `toliststr` runs Python `eval` on any string that starts with
 * `[` and ends with `]` (vlmeval/smp/misc.py), so multi-image cells are Python reprs such as
 * `['<b64>', '<b64>']`; JSON `["..", ".."]` is the same literal. We parse that literal subset —
 * string (either quote, backslash escapes) and integer elements — instead of evaluating anything.
 */

/** True when VLMEvalKit would treat the cell as a list. */
export function looksLikeList(cell: string): boolean {
  return cell.length > 1 && cell.startsWith('[') && cell.endsWith(']');
}

/** The elements as strings, or undefined when the cell is not a flat list of strings/integers. */
export function parseListCell(cell: string): string[] | undefined {
  const out: string[] = [];
  let pos = skipSpace(cell, 1);
  const last = cell.length - 1; // the closing ']'
  while (pos < last) {
    const item = parseItem(cell, pos);
    if (item === undefined) return undefined;
    out.push(item.value);
    pos = skipSpace(cell, item.next);
    if (cell[pos] === ',') pos = skipSpace(cell, pos + 1);
    else if (pos !== last) return undefined;
  }
  return pos === last ? out : undefined;
}

function skipSpace(s: string, pos: number): number {
  while (pos < s.length && /\s/.test(s[pos] ?? '')) pos++;
  return pos;
}

function parseItem(s: string, pos: number): { value: string; next: number } | undefined {
  const c = s[pos];
  if (c === "'" || c === '"') return parseString(s, pos, c);
  const int = /^-?\d+/.exec(s.slice(pos, pos + 32));
  return int ? { value: int[0], next: pos + int[0].length } : undefined;
}

function parseString(s: string, pos: number, quote: string): { value: string; next: number } | undefined {
  let value = '';
  let i = pos + 1;
  while (i < s.length) {
    // Copy plain runs in one slice: base64 elements are long and have no escapes.
    const stop = nextSpecial(s, i, quote);
    value += s.slice(i, stop);
    i = stop;
    if (i >= s.length) return undefined;
    if (s[i] === quote) return { value, next: i + 1 };
    const esc = unescape(s, i);
    if (esc === undefined) return undefined;
    value += esc.text;
    i = esc.next;
  }
  return undefined;
}

function nextSpecial(s: string, from: number, quote: string): number {
  const q = s.indexOf(quote, from);
  const b = s.indexOf('\\', from);
  const end = s.length;
  return Math.min(q < 0 ? end : q, b < 0 ? end : b);
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\', "'": "'", '"': '"', n: '\n', t: '\t', r: '\r', '/': '/', b: '\b', f: '\f',
};

/** One backslash escape at `i` (Python/JSON subset); unknown escapes keep the backslash, like Python. */
function unescape(s: string, i: number): { text: string; next: number } | undefined {
  const c = s[i + 1];
  if (c === undefined) return undefined;
  const simple = SIMPLE_ESCAPES[c];
  if (simple !== undefined) return { text: simple, next: i + 2 };
  const width = c === 'x' ? 2 : c === 'u' ? 4 : c === 'U' ? 8 : 0;
  if (width === 0) return { text: `\\${c}`, next: i + 2 };
  const hex = s.slice(i + 2, i + 2 + width);
  if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== width) return undefined;
  const code = Number.parseInt(hex, 16);
  if (code > 0x10ffff) return undefined;
  return { text: String.fromCodePoint(code), next: i + 2 + width };
}
