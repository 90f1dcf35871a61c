import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { PredictionRecord } from '../../src/workdir/records.js';
import { imageMcq } from '../../benchmarks/image-mcq.js';
import { threeDsrBench } from '../../benchmarks/3dsrbench.js';
import { evaluate } from '../../src/score/evaluate.js';
import { wilson } from '../../src/score/wilson.js';
import { buildSummary, VANILLA, type Summary } from '../../src/report/summary.js';
import { accCsv, metricsCsv } from '../../src/report/files.js';
import { summaryJson } from '../../src/workdir/summary.js';
import { renderSummaryTable } from '../../src/report/table.js';
import { leaderboardCsv } from '../../src/report/leaderboard.js';

const choices = [{ letter: 'A', text: 'left' }, { letter: 'B', text: 'right' }];
const record = (index: string, prediction: string, fields: Record<string, string>): PredictionRecord => ({
  index, prompt_hash: 'h', settings_hash: 's', status: 'ok', prediction, finish_reason: 'stop', usage: null, latency_ms: 1,
  attempts: 1, time: 't', answer: 'A', choices, fields,
});

/** 40 questions in two rotations; question q right in both rotations when q % 3 ≠ 0, else only in the first. */
function circularRecords(): Map<string, PredictionRecord> {
  const out = new Map<string, PredictionRecord>();
  for (let q = 0; q < 40; q++) {
    const fields = { category: q % 2 === 0 ? 'depth' : 'count', 'l2-category': 'spatial', split: 'none' };
    for (const k of [0, 1]) {
      const index = String(q + 1_000_000 * k);
      out.set(index, record(index, k === 1 && q % 3 === 0 ? 'B' : 'A', fields));
    }
  }
  return out;
}

const provenance = {
  harness_version: 'test', git_sha: null, config_hash: null, dataset_file: null, dataset_fingerprint: null, settings: null, endpoint_model: null, judge: null,
};

function summaryOf(latest: Map<string, PredictionRecord>, circular: boolean): Summary {
  return buildSummary({
    model: 'M', dataset: 'D', datasetName: 'D', benchmark: 'image-mcq', circular, evaluation: evaluate(latest, imageMcq.protocols, circular), provenance, datasetRows: null,
  });
}

describe('summary intervals', () => {
  const s = summaryOf(circularRecords(), true);
  it('has an interval (or null) for every metric, same keys, and the settings used', () => {
    expect(s.ci_settings).toEqual({ level: 0.95, bootstrap: 2000, seed: 0 });
    for (const [protocol, metrics] of Object.entries(s.metrics)) expect(Object.keys(s.ci[protocol] ?? {})).toEqual(Object.keys(metrics));
  });
  it('Wilson on questions for circular accuracy; cluster bootstrap by question for vanilla', () => {
    // 26 of 40 questions right in every rotation (q % 3 ≠ 0; 14 multiples of 3 below 40).
    expect(s.metrics['official']?.['Overall']).toBe(26 / 40);
    expect(s.ci['official']?.['Overall']).toEqual({ ...wilson(26, 40, 0.95), method: 'wilson' });
    expect(s.ci['official']?.[VANILLA]?.method).toBe('cluster-bootstrap');
  });
  it('is byte-identical for the same predictions, whatever their order', () => {
    const reversed = new Map([...circularRecords()].reverse());
    expect(summaryJson(summaryOf(reversed, true))).toBe(summaryJson(s));
  });
  it('M_D_metrics.csv: protocol, metric, value, ci_lo, ci_hi, n, method; _acc.csv keeps its VLMEvalKit columns', () => {
    const rows = parse(metricsCsv(s), { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0] ?? {})).toEqual(['protocol', 'metric', 'value', 'ci_lo', 'ci_hi', 'n', 'method']);
    const overall = rows.find((r) => r['protocol'] === 'official' && r['metric'] === 'Overall');
    expect(overall).toEqual({
      protocol: 'official', metric: 'Overall', value: String(26 / 40), ci_lo: String(s.ci['official']?.['Overall']?.lo),
      ci_hi: String(s.ci['official']?.['Overall']?.hi), n: '40', method: 'wilson',
    });
    expect(rows.length).toBe(Object.values(s.metrics).reduce((k, m) => k + Object.keys(m).length, 0));
    const ev = evaluate(circularRecords(), imageMcq.protocols, true);
    const table = ev.protocols[0]?.table;
    expect(table === undefined ? '' : accCsv(table).split('\n')[0]).toBe('split,Overall,spatial,count,depth');
  });
  it('terminal table: official values with their interval, other protocols bare', () => {
    const text = renderSummaryTable(s);
    const ci = s.ci['official']?.['Overall'];
    const pct = (v: number | undefined): string => ((v ?? 0) * 100).toFixed(1);
    expect(text).toContain('official [95% CI]');
    expect(text).toContain(`${pct(26 / 40)} [${pct(ci?.lo)}, ${pct(ci?.hi)}]`);
  });
  it('leaderboard CSV: default columns unchanged, intervals only on request', () => {
    expect(leaderboardCsv([s]).trim().split('\n')[0]).toBe('model,D (official Overall)');
    const withCi = leaderboardCsv([s], { ci: true }).trim().split('\n');
    expect(withCi[0]).toBe('model,D (official Overall),D ci_lo,D ci_hi');
    const ci = s.ci['official']?.['Overall'];
    expect(withCi[1]).toBe(`M,${(65).toFixed(2)},${((ci?.lo ?? 0) * 100).toFixed(2)},${((ci?.hi ?? 0) * 100).toFixed(2)}`);
  });
});

describe('3DSRBench: a question and its mirror are resampled together', () => {
  it('official metrics use the cluster bootstrap over qid[:8]', () => {
    const latest = new Map<string, PredictionRecord>();
    let i = 0;
    for (let q = 0; q < 30; q++) {
      const qid = `Q${String(q).padStart(7, '0')}`;
      for (const suffix of ['', '-1', '-flip', '-flip-1']) {
        const index = String(i++);
        latest.set(index, record(index, q % 2 === 0 ? 'A' : 'B', { qid: `${qid}${suffix}`, category: 'height_higher', type: 'height' }));
      }
    }
    const ev = evaluate(latest, threeDsrBench.protocols, false);
    const official = ev.protocols[0];
    expect(official?.metrics.get('Overall')?.n).toBe(60);
    expect(official?.intervals.get('Overall')?.method).toBe('cluster-bootstrap');
    expect(official?.intervals.get('height')?.method).toBe('cluster-bootstrap');
    // Questions and mirrors answered alike: 30 independent draws, not 60.
    const width = (b: { lo: number; hi: number } | null | undefined): number => (b == null ? 0 : b.hi - b.lo);
    expect(width(official?.intervals.get('Overall'))).toBeGreaterThan(1.25 * width(wilson(30, 60, 0.95)));
    expect(ev.protocols.find((p) => p.name === 'flip_circular')?.intervals.get('Overall')?.method).toBe('wilson');
  });
});
