/** The JSONL files of the work dir: prediction records, score lines and the judge's verdicts. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { forEachRecord, readLatest, recordLine, type PredictionRecord } from '../../src/workdir/records.js';
import { forEachScoreLine, SCORES_FORMAT, SCORES_FORMAT_V1, scoreLines, type ScoredItem, type ScoreLine } from '../../src/workdir/scores.js';
import { forEachVerdict, verdictLine, type CachedVerdict } from '../../src/workdir/judge-cache.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'actial-lines-'));
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

function rec(index: string, extra: Partial<PredictionRecord> = {}): PredictionRecord {
  return {
    index, prompt_hash: `p${index}`, settings_hash: 's', question_hash: 'q', status: 'ok', prediction: 'B', raw_prediction: '<answer>B</answer>',
    finish_reason: 'stop', usage: { prompt_tokens: 10, completion_tokens: 2, total_tokens: 12 }, latency_ms: 5, attempts: 1, endpoint_model: 'm',
    time: '2026-01-01T00:00:00.000Z', question: 'Which?', answer: 'B', choices: [{ letter: 'A', text: 'a' }, { letter: 'B', text: 'b' }],
    fields: { category: 'depth' }, ...extra,
  };
}

const failed = rec('3', { status: 'failed', prediction: '', error: '503 busy', error_kind: 'transient', http_status: 503, finish_reason: null, usage: null });

async function lines(name: string, text: string): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, text);
  return file;
}

async function records(file: string): Promise<PredictionRecord[]> {
  const out: PredictionRecord[] = [];
  await forEachRecord(file, (r) => out.push(r));
  return out;
}

describe('prediction records', () => {
  it('round-trip through the line writer and the validating reader; the latest record of an index counts', async () => {
    const written = [rec('1'), failed, rec('3')];
    const file = await lines('m_d.jsonl', written.map(recordLine).join(''));
    expect(await records(file)).toEqual(written);
    expect([...(await readLatest(file)).values()]).toEqual([rec('1'), rec('3')]);
  });

  it('leave out a torn last line (a kill mid-write), but refuse a bad line in the middle naming line and field', async () => {
    const torn = await lines('torn.jsonl', `${recordLine(rec('1'))}${recordLine(rec('2')).slice(0, 50)}`);
    expect((await records(torn)).map((r) => r.index)).toEqual(['1']);
    const bad = { ...rec('2'), status: 'done' };
    const middle = await lines('middle.jsonl', `${recordLine(rec('1'))}${JSON.stringify(bad)}\n${recordLine(rec('3'))}`);
    await expect(records(middle)).rejects.toThrow(/middle\.jsonl:2: field 'status': expected one of "ok"\|"failed" \(hand-edited/);
    const choice = await lines('choice.jsonl', `${recordLine(rec('1'))}${JSON.stringify({ ...rec('2'), choices: [{ letter: 1, text: 'a' }] })}\n`);
    await expect(records(choice)).rejects.toThrow(/choice\.jsonl:2: field 'choices\[0\]\.letter': expected string, received number/);
    const missing = await lines('missing.jsonl', `${JSON.stringify({ ...rec('1'), prompt_hash: undefined })}\n`);
    await expect(records(missing)).rejects.toThrow(/missing\.jsonl:1: field 'prompt_hash' is missing/);
  });
});

function item(index: string, extracted: string | null, method: string, fields: Record<string, string> = { category: 'depth' }): ScoredItem {
  return { index, answer: 'B', extracted, method, hit: extracted === 'B', fields };
}

async function scoreFile(file: string, format: typeof SCORES_FORMAT | typeof SCORES_FORMAT_V1): Promise<ScoreLine[]> {
  const out: ScoreLine[] = [];
  await forEachScoreLine(file, format, (l) => out.push(l));
  return out;
}

describe('score lines', () => {
  it('hold the primary protocol at the top and every protocol by name, in evaluation order', async () => {
    const official = { name: 'official', rowItems: [item('1', 'B', 'tags'), item('2', null, 'none')] };
    const vlmevalkit = { name: 'vlmevalkit', rowItems: [item('1', 'B', 'vlmevalkit-option'), item('2', 'A', 'vlmevalkit-option')] };
    // A protocol in another row order is matched by index.
    const flip = { name: 'flip', rowItems: [item('2', 'A', 'vlmevalkit-option'), item('1', 'B', 'vlmevalkit-option')] };
    const text = [...scoreLines([official, vlmevalkit, flip], official, new Set(['2']))].join('');
    expect(text.split('\n')[0]).toBe(
      '{"index":"1","answer":"B","extracted":"B","method":"tags","hit":true,"protocols":{"official":{"extracted":"B","method":"tags","hit":true},' +
        '"vlmevalkit":{"extracted":"B","method":"vlmevalkit-option","hit":true},"flip":{"extracted":"B","method":"vlmevalkit-option","hit":true}},"fields":{"category":"depth"}}',
    );
    // The primary by role, wherever it is declared: its result on top, the order as evaluated.
    const [second] = [...scoreLines([vlmevalkit, official], official, new Set())].join('').split('\n').slice(1);
    expect(JSON.parse(second ?? '')).toMatchObject({ extracted: null, method: 'none', hit: false });
    expect(Object.keys((JSON.parse(second ?? '') as ScoreLine).protocols)).toEqual(['vlmevalkit', 'official']);
    const read = await scoreFile(await lines('s.jsonl', text), SCORES_FORMAT);
    expect(read[1]).toEqual({
      index: '2', answer: 'B', extracted: null, method: 'none', hit: false, truncated: true, fields: { category: 'depth' },
      protocols: { official: { extracted: null, method: 'none', hit: false }, vlmevalkit: { extracted: 'A', method: 'vlmevalkit-option', hit: false }, flip: { extracted: 'A', method: 'vlmevalkit-option', hit: false } },
    });
    expect(Object.keys(read[0]?.protocols ?? {})).toEqual(['official', 'vlmevalkit', 'flip']);
  });

  it('read a version-1 file (the twin in fixed fields, fields spread at the top) into the same shape', async () => {
    const v1 = '{"index":"0","answer":"A","extracted":"A","method":"vlmevalkit-option","hit":true,"extracted_vlmevalkit":"A","hit_vlmevalkit":true,"truncated":true,"sub_task":"Art_Style"}\n';
    expect(await scoreFile(await lines('v1.jsonl', v1), SCORES_FORMAT_V1)).toEqual([{
      index: '0', answer: 'A', extracted: 'A', method: 'vlmevalkit-option', hit: true, truncated: true, fields: { sub_task: 'Art_Style' },
      protocols: { official: { extracted: 'A', method: 'vlmevalkit-option', hit: true } },
    }]);
  });

  it('refuse a line that is not a score line, naming line and field', async () => {
    const only = { name: 'official', rowItems: [item('1', 'B', 'tags')] };
    const good = [...scoreLines([only], only, new Set())].join('');
    const bad = good.replace('"hit":true', '"hit":"yes"');
    await expect(scoreFile(await lines('bad.jsonl', `${good}${bad}`), SCORES_FORMAT)).rejects.toThrow(/bad\.jsonl:2: field 'hit': expected boolean, received string/);
    // A version-1 line read as version 2 (a header that names the wrong format) is refused too.
    await expect(scoreFile(await lines('old.jsonl', '{"index":"0","answer":"A","extracted":"A","method":"m","hit":true,"extracted_vlmevalkit":"A","hit_vlmevalkit":true}\n'), SCORES_FORMAT))
      .rejects.toThrow(/old\.jsonl:1: (field 'protocols' is missing|unknown field)/);
  });
});

describe("the judge's verdicts", () => {
  const v = (key: string, verdict: string | null): CachedVerdict => ({ key, index: '1', judge_model: 'j', prompt_version: 'mcq-match@1', verdict, reply: 'B', asks: 1, time: 't' });

  it('round-trip, and a bad line names its field', async () => {
    const file = await lines('j.jsonl', [v('k1', 'B'), v('k2', null)].map(verdictLine).join(''));
    const read: CachedVerdict[] = [];
    await forEachVerdict(file, (x) => read.push(x));
    expect(read).toEqual([v('k1', 'B'), v('k2', null)]);
    const bad = await lines('jb.jsonl', `${verdictLine(v('k1', 'B'))}${JSON.stringify({ ...v('k2', 'B'), asks: 'one' })}\n`);
    await expect(forEachVerdict(bad, () => undefined)).rejects.toThrow(/jb\.jsonl:2: field 'asks': expected number, received string/);
  });
});

it('the record line writer is plain JSON (no validation on the hot append path)', async () => {
  const line = recordLine(rec('1'));
  expect(line.endsWith('\n')).toBe(true);
  expect(JSON.parse(line)).toEqual(rec('1'));
  expect(await readFile(await lines('x.jsonl', line), 'utf8')).toBe(line);
});
