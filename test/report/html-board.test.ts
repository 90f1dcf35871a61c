/** The cross-work-dir leaderboard shared by `actial-eval leaderboard` and the HTML report. */
import { describe, expect, it } from 'vitest';
import { PAPER_TABLE } from '../../benchmarks/paper.js';
import { buildBoard, ciOf } from '../../src/report/board.js';
import { boardCsv, boardMarkdown, paperView } from '../../src/report/board-text.js';
import type { Summary } from '../../src/report/summary.js';

function summary(model: string, dataset: string, value: number | null, ci?: unknown): Summary {
  return {
    model, dataset, benchmark: 'image-mcq',
    primary: { protocol: 'official', metric: 'Overall', value },
    metrics: { official: { Overall: value }, vlmevalkit: {} },
    ...(ci === undefined ? {} : { ci }),
  } as unknown as Summary;
}

const interval = (lo: number, hi: number) => ({ official: { Overall: { lo, hi, method: 'wilson' } } });

describe('leaderboard board', () => {
  const summaries = [
    summary('b', 'D2', 0.5, interval(0.4, 0.6)),
    summary('b', 'D1', 0.7, interval(0.6, 0.8)),
    summary('a', 'D1', 0.9),
  ];
  const board = buildBoard(summaries);

  it('sorts models and datasets by name and means only the datasets a model has, saying how many', () => {
    expect(board.models).toEqual(['a', 'b']);
    expect(board.datasets).toEqual(['D1', 'D2']);
    expect(board.mean('b')).toEqual({ value: expect.closeTo(0.6, 10), of: 2 });
    expect(board.mean('a')).toEqual({ value: 0.9, of: 1 });
  });

  it('writes CSV with stable columns, CI pairs only when asked, and mean_of', () => {
    expect(boardCsv(board, { ci: false }).split('\n')).toEqual([
      'model,D1 (official Overall),D2 (official Overall),mean,mean_of',
      'a,90.00,,90.00,1',
      'b,70.00,50.00,60.00,2',
      '',
    ]);
    const withCi = boardCsv(board, { ci: true }).split('\n');
    expect(withCi[0]).toBe('model,D1 (official Overall),D1 ci_lo,D1 ci_hi,D2 (official Overall),D2 ci_lo,D2 ci_hi,mean,mean_of');
    expect(withCi[1]).toBe('a,90.00,,,,,,90.00,1');
    expect(withCi[2]).toBe('b,70.00,60.00,80.00,50.00,40.00,60.00,60.00,2');
  });

  it('writes Markdown marking incomplete means, and intervals in brackets', () => {
    const md = boardMarkdown(board, { ci: true }, paperView(summaries, board.models, PAPER_TABLE));
    expect(md).toContain('| a | 90.00 | – | 90.00* |');
    expect(md).toContain('| b | 70.00 [60.00, 80.00] | 50.00 [40.00, 60.00] | 60.00 |');
    expect(md).toMatch(/\\\* mean over the datasets this model has/);
    expect(md).not.toContain('Paper view'); // no paper-layout benchmark here
  });

  it('reads intervals defensively: absent or malformed means none', () => {
    expect(ciOf(summary('m', 'D', 0.5), 'official', 'Overall')).toBeNull();
    expect(ciOf(summary('m', 'D', 0.5, { official: { Overall: null } }), 'official', 'Overall')).toBeNull();
    expect(ciOf(summary('m', 'D', 0.5, { official: { Overall: { lo: 'x', hi: 1 } } }), 'official', 'Overall')).toBeNull();
    expect(ciOf(summary('m', 'D', 0.5, interval(0.1, 0.9)), 'official', 'Overall')).toEqual({ lo: 0.1, hi: 0.9, method: 'wilson' });
  });

  it('follows a given model order, then the rest by name', () => {
    expect(buildBoard(summaries, ['b']).models).toEqual(['b', 'a']);
  });
});
