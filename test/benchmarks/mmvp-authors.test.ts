/**
 * MMVP `official`: the authors' own form (HF MMVP/MMVP Questions.csv + "MMVP Images/<row>.jpg"),
 * asked as tsb0601/MMVP@76350059 scripts/evaluate_mllm.py asks it and graded as scripts/gpt_grader.py
 * grades it, through the CLI against the mock over real HTTP (the model's replies and the grader's
 * replies replayed). The expected prompts, grader questions and the printed accuracy are the
 * originals' outputs on these very rows (/work/xcheck/mmvp16/run.py runs their Python: pandas
 * read_csv, the prompt, `outputs.strip()`, and gpt_grader.py itself with a recording stub for
 * openai); the accuracy is also computed here from the stored predictions with the script's count.
 */
import { createHash } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TINY_PNG } from '../../bench/synthetic.js';
import { mmvpAuthors } from '../../benchmarks/mmvp.js';
import { streamSamples } from '../../src/data/samples.js';
import { MMVP_JUDGE, MMVP_JUDGE_SYSTEM } from '../../src/extract/mmvp-judge.js';
import { pyStrip } from '../../src/extract/python.js';
import { judgeAnswer } from '../../src/mock/judge.js';
import { loadReplay } from '../../src/mock/replay.js';
import { gptModel, mockServer, paths, readJson, readJsonl, runCli, tempDir, writeConfig, type StoredRecord, type SummaryJson } from '../e2e/helpers.js';

/** Index, Question, Options, Correct Answer, the model's reply, the grader's reply (xcheck cases.py). */
const ROWS = [
  ['1', 'Is the dog facing left? [row 1]', '(a) Yes (b) No', '(a)', '(a)', 'Yes'],
  ['2', 'Is the dog facing left? [row 2]', '(a) Yes (b) No', '(b)', '  (b) No, it faces right [row 2]\n', 'yes'],
  ['3', 'Where is the cup, left or right? [row 3]', '(a) Left (b) Right', '(a)', 'Left [row 3]', 'YES'],
  ['4', 'Where is the cup, left or right? [row 4]', '(a) Left (b) Right', '(b)', 'Left [row 4]', 'No'],
  ['5', 'Is the "open" sign lit? [row 5]', '(a) Yes (b) No', '(b)', 'No [row 5]', 'Yes.'],
  ['6', 'Is the "open" sign lit? [row 6]', '(a) Yes (b) No', '(a)', 'Yes [row 6]', 'yes'],
  ['7', 'How many wheels can you see? [row 7]', '(a) Two (b) Four', '(a)', 'Two [row 7]', 'yes\n'],
  ['8', 'How many wheels can you see? [row 8]', '(a) Two (b) Four', '(b)', 'Four [row 8]', 'Yes'],
  ['9', 'Is the window open? [row 9]', '(a) Open (b) Closed', '(b)', 'Closed [row 9]', 'yEs'],
  ['10', 'Is the window open? [row 10]', '(a) Open (b) Closed', '(a)', 'Open [row 10]', 'YES'],
  ['11', 'Is the light on? [row 11]', '(a) Yes (b) No', '(a)', 'Yes [row 11]', ' yes'],
  ['12', 'Is the light on? [row 12]', '(a) Yes (b) No', '(b)', 'No [row 12]', 'yes'],
] as const;

/** Python's csv.writer output for ROWS (what run.py wrote and pandas read). */
const CSV = [
  'Index,Question,Options,Correct Answer',
  ...ROWS.map((r) => r.slice(0, 4).map((c) => (/[",\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c)).join(',')),
  '',
].join('\n');

/** gpt_grader.py's question4gpt for rows 2 and 5, as the original built them. */
const GRADER_ROW_2 = 'Given the following question Is the dog facing left? [row 2] (a) Yes (b) No, the correct answer is (b). Does the following answer correctly answers the question, answer:(b) No, it faces right [row 2]?';
const GRADER_ROW_5 = 'Given the following question Is the "open" sign lit? [row 5] (a) Yes (b) No, the correct answer is (b). Does the following answer correctly answers the question, answer:No [row 5]?';

/** The original printed "The accuracy is 0.3333333333333333" for these replies. */
const PRINTED_ACCURACY = 0.3333333333333333;

/** gpt_grader.py's count, from scratch: lines two by two; right when `re.match(r"^(yes|no)$", a, re.I)` and `a.lower() == "yes"`. */
function graderAccuracy(replies: readonly string[]): number {
  // Python's `$` also matches before one final newline; lower() then keeps that newline.
  const graded = replies.map((a) => /^(yes|no)\n?$/i.test(a) && a.toLowerCase() === 'yes');
  const pairs = Array.from({ length: Math.floor(graded.length / 2) }, (_, i) => graded[2 * i] === true && graded[2 * i + 1] === true);
  return pairs.filter(Boolean).length / pairs.length;
}

/** A different picture per row (a PNG with a trailing marker). */
const picture = (n: number): Buffer => Buffer.concat([TINY_PNG, Buffer.from(`image ${n}`)]);

async function setup() {
  const dir = await tempDir();
  const folder = join(dir, 'MMVP');
  await mkdir(join(folder, 'MMVP Images'), { recursive: true });
  await writeFile(join(folder, 'Questions.csv'), CSV);
  for (let n = 1; n <= ROWS.length; n++) await writeFile(join(folder, 'MMVP Images', `${n}.jpg`), picture(n));
  const replayFile = join(dir, 'replay.jsonl');
  const lines = [
    ...ROWS.map((r) => ({ contains: r[1], content: r[4] })),
    // The grader reads the stripped reply, as evaluate_mllm.py stored it.
    ...ROWS.map((r) => ({ judged: pyStrip(r[4]), content: r[5] })),
  ];
  await writeFile(replayFile, lines.map((l) => JSON.stringify(l)).join('\n'));
  const replay = await loadReplay(replayFile);
  const model = await mockServer({ modelId: 'mock-model', replay });
  const judge = await mockServer({ modelId: 'gpt-4-0314', replay });
  const config = (withJudge: boolean) => ({
    model: { M: gptModel(`${model.url}/chat/completions`, { max_tokens: 256 }) },
    data: { MMVP_authors: { class: 'MMVP', dataset: 'MMVP_authors', path: folder } },
    ...(withJudge ? { judge: { model: 'gpt-4-0314', api_base: judge.url, key: 'EMPTY', api_nproc: 4 } } : {}),
  });
  return { dir, folder, work: join(dir, 'work'), config, judge };
}

/** Answers are stored as they arrive; the answer file the grader reads is in CSV order (index = row). */
const inFileOrder = <T extends { readonly index: string }>(records: readonly T[]): T[] => [...records].sort((a, b) => Number(a.index) - Number(b.index));

type Summary = SummaryJson & { readonly protocols: Record<string, { readonly judge?: Record<string, unknown> }> };

describe("MMVP official (the authors' CSV, gpt_grader.py)", () => {
  it("asks evaluate_mllm.py's prompt with the row's image; without a judge every answer is one counted line of misses", async () => {
    const { dir, work, config } = await setup();
    const res = await runCli(['--config', await writeConfig(join(dir, 'c.json'), config(false)), '--work-dir', work]);
    expect(res.code, res.stderr).toBe(0);
    const p = paths(work, 'M', 'MMVP_authors');
    const records = inFileOrder(await readJsonl<StoredRecord & { question: string; fields: Record<string, string> }>(p.predictions));
    expect(records.map((r) => r.index)).toEqual(ROWS.map((r) => r[0]));
    for (const [i, r] of ROWS.entries()) {
      const rec = records[i];
      // pandas row['Question'] + " " + row['Options']: the CSV's quoting undone, nothing added.
      expect(rec?.question).toBe(`${r[1]} ${r[2]}`);
      expect(rec?.answer).toBe(r[3] === '(a)' ? 'A' : 'B');
      expect(rec?.fields['Correct Answer']).toBe(r[3]);
    }
    const line = `official: ${ROWS.length} of ${ROWS.length} answers need the LLM judge this protocol asks (mmvp-gpt4-grader@76350059) and no judge is configured: scored as misses`;
    expect(res.stdout.split('\n').filter((l) => l.includes(line))).toHaveLength(1);
    const summary = await readJson<Summary>(p.summary);
    expect(summary.metrics['official']?.['accuracy']).toBe(0);
  });

  it('with a judge: asks every answer once, the grader question byte for byte, and reports the pair accuracy the script prints', async () => {
    const { dir, work, config, judge } = await setup();
    const res = await runCli(['--config', await writeConfig(join(dir, 'c.json'), config(true)), '--work-dir', work]);
    expect(res.code, res.stderr).toBe(0);
    expect(judge.stats.completionsOk).toBe(ROWS.length);
    const p = paths(work, 'M', 'MMVP_authors');
    const records = inFileOrder(await readJsonl<StoredRecord & { question: string; answer: string; fields: Record<string, string> }>(p.predictions));
    const asked = records.map((r) => MMVP_JUDGE.build({ question: r.question, choices: [], prediction: r.prediction, answer: r.answer, fields: r.fields }));
    expect(asked[1]).toBe(GRADER_ROW_2);
    expect(asked[4]).toBe(GRADER_ROW_5);
    // All twelve, joined by newlines: length and sha256 of what the original sent.
    const all = asked.join('\n');
    expect([all.length, createHash('sha256').update(all).digest('hex')]).toEqual([2233, '627bd13cc56441d41a062ff609269d4739675e1a129de8985030b674c6b27f93']);
    // What the judge said to each stored answer, read back from the replay by the stripped reply.
    const graderReply = new Map(ROWS.map((r) => [pyStrip(r[4]), r[5]]));
    const want = graderAccuracy(records.map((r) => graderReply.get(pyStrip(r.prediction)) ?? ''));
    expect(want).toBe(PRINTED_ACCURACY);
    const summary = await readJson<Summary>(p.summary);
    expect(summary.metrics['official']?.['accuracy']).toBeCloseTo(want, 12);
    expect(summary.protocols['official']?.judge).toMatchObject({ rules_decided: 0, rules_undecided: ROWS.length, judge_decided: 8, judge_undecided: 4, model: 'gpt-4-0314', prompt_version: 'mmvp-gpt4-grader@76350059' });
  });

  it('a missing image names the row and the file looked for, in one line (exit 2)', async () => {
    const { dir, folder, work, config } = await setup();
    await rm(join(folder, 'MMVP Images', '3.jpg'));
    const res = await runCli(['--config', await writeConfig(join(dir, 'c.json'), config(false)), '--work-dir', work]);
    expect(res.code).toBe(2);
    const lines = res.stderr.split('\n').filter((l) => l.includes('Questions.csv'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/Questions\.csv \(row 3\): image file 'MMVP Images\/3\.jpg' not found/);
  });
});

describe('MMVP official: what each row sends', () => {
  it('row n: the image "MMVP Images/<n>.jpg", then Question + " " + Options', async () => {
    const { folder } = await setup();
    const sent: { image: Buffer | undefined; text: string | undefined }[] = [];
    for await (const { sample } of streamSamples(mmvpAuthors, { files: [join(folder, 'Questions.csv')], format: 'csv' })) {
      const image = sample.parts[0]?.kind === 'image' ? sample.parts[0].image.data : undefined;
      const text = sample.parts[1]?.kind === 'text' ? sample.parts[1].text : undefined;
      sent.push({ image, text });
    }
    expect(sent).toEqual(ROWS.map((r, i) => ({ image: picture(i + 1), text: `${r[1]} ${r[2]}` })));
  });
});

describe("MMVP official: the grader's prompt and reading", () => {
  it("reads a reply as gpt_grader.py does: only \"yes\" in any case is right (the original's outputs)", () => {
    // [reply, the original's `answer.lower() if regex.match(answer) else "Could not determine…"` == "yes"]
    const cases: readonly (readonly [string, boolean])[] = [
      ['yes', true], ['Yes', true], ['YES', true], ['yEs', true], ['yes\n', false], ['Yes.', false], [' yes', false],
      ['no', false], ['No', false], ['yes no', false], ['YE\u017f', false], ['\u017fes', false], ['yes\r', false], ['', false],
    ];
    const q = { question: 'Q (a) x (b) y', choices: [], prediction: 'x', answer: 'B' };
    for (const [reply, right] of cases) expect(MMVP_JUDGE.parse(reply, [], q), JSON.stringify(reply)).toEqual(right ? { kind: 'option', letter: 'B' } : { kind: 'none' });
    expect(MMVP_JUDGE.asks).toBe(1);
    expect(MMVP_JUDGE.system).toBe('You are a helpful and precise assistant for checking the quality of the answer. Please answer in only yes or no.');
    expect(MMVP_JUDGE_SYSTEM).toBe(MMVP_JUDGE.system);
    expect(MMVP_JUDGE.temperature).toBe(0.2);
  });

  it('the mock recognises it: "Yes" when the reply names the gold\'s label alone, else "No"', () => {
    const ask = (prediction: string, gold: string) => MMVP_JUDGE.build({ question: 'Is it open? (a) Open (b) Closed', choices: [], prediction, fields: { 'Correct Answer': gold } });
    expect(judgeAnswer([ask('(a) Open', '(a)')])?.content).toBe('Yes');
    expect(judgeAnswer([ask('(a) Open', '(b)')])?.content).toBe('No');
    expect(judgeAnswer([ask('(a) or (b)', '(a)')])?.content).toBe('No');
    expect(MMVP_JUDGE.read(ask('x, the correct answer is (b). y', '(a)'))?.reply).toBe('x, the correct answer is (b). y');
  });
});
