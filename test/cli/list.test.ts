/**
 * `actial-eval list`: every benchmark, every dataset name and class in full, in a box table whose
 * lines all have the same width; cells word-wrapped to their columns.
 */
import { describe, expect, it } from 'vitest';
import { BENCHMARKS } from '../../benchmarks/index.js';
import { renderBenchmarkList, wrapCell } from '../../src/cli/list.js';

describe('actial-eval list', () => {
  const text = renderBenchmarkList(BENCHMARKS);
  const lines = text.trimEnd().split('\n');
  /** The cells of a table line, trimmed. */
  const cells = (line: string): string[] => line.split('│').slice(1, -1).map((c) => c.trim());

  it('names every benchmark id, class and dataset name whole, each in its column', () => {
    const column = (k: number): Set<string> => new Set(lines.map((l) => cells(l)[k] ?? ''));
    const ids = column(0);
    const classes = column(1);
    const names = column(2);
    expect(BENCHMARKS.filter((b) => !ids.has(b.id)).map((b) => b.id)).toEqual([]);
    expect(BENCHMARKS.flatMap((b) => b.dataClasses).filter((c) => !classes.has(c))).toEqual([]);
    expect(BENCHMARKS.flatMap((b) => b.datasetNames).filter((n) => !names.has(n))).toEqual([]);
  });

  it('draws every line at the same width, with one rule between rows', () => {
    expect(new Set(lines.map((l) => [...l].length)).size).toBe(1);
    expect(lines.filter((l) => l.startsWith('├')).length).toBe(BENCHMARKS.length);
    expect([lines[0]?.[0], lines.at(-1)?.[0]]).toEqual(['┌', '└']);
  });

  it('wraps at spaces, and breaks only a word longer than the column', () => {
    expect(wrapCell('one two three four', 9)).toBe('one two\nthree\nfour');
    expect(wrapCell('a\nbb cc', 5)).toBe('a\nbb cc');
    expect(wrapCell('abcdefghijkl mn', 5)).toBe('abcde\nfghij\nkl mn');
  });
});
