/**
 * The hostile-input corpus: broken data files and configs, each run through the CLI against a
 * work dir that already holds a finished run. Every case must end with exit 2 and one error line
 * naming the problem (file, row/field) and its class, and must leave every file under the
 * sandbox root (the store, the data, $LMUData, HOME, TMPDIR, …) as it was.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BAD_ROW, HEADER, hugeBadBase64, hugeNonImageBase64, latin1Row, nulRow, optionsPastZ, PARQUET_2D, PARQUET_3D,
  truncatedInImage, truncatedInQuotedField, truncateFile, unterminatedHugeField, utf16, validLines, withBadRow, writeCvBench,
} from './fixtures.js';
import {
  baseConfig, changes, expectRefused, makeTemplate, MODEL, PARQUET_DATA, removeSandbox, runCli, sandboxFrom, snapshot,
  TSV_DATA, writeJson, type Sandbox,
} from './harness.js';

type ErrorClass = 'DataError' | 'ConfigError' | 'DataNotFoundError';
type Pattern = string | RegExp | ((s: Sandbox) => string);

interface Case {
  readonly name: string;
  readonly cls: ErrorClass;
  /** Writes the broken file or config into the sandbox. */
  readonly arrange: (s: Sandbox) => Promise<void>;
  /** Which dataset the run evaluates (config cases: all). */
  readonly only?: string;
  readonly args?: readonly string[];
  readonly env?: Record<string, string>;
  readonly expect: readonly Pattern[];
}

/** Cases that evaluate one dataset of the config. */
const on = (only: string, cases: readonly Omit<Case, 'only'>[]): Case[] => cases.map((c) => ({ ...c, only }));
const tsvFile = (s: Sandbox): string => s.tsv;
const row = (s: Sandbox): string => `${s.tsv} (row ${BAD_ROW}`;
const config = (s: Sandbox): string => `config ${s.config}`;
const writeTsv = (content: string | Buffer) => (s: Sandbox) => writeFile(s.tsv, content);
const editConfig = (edit: (c: ReturnType<typeof baseConfig>, s: Sandbox) => unknown) => (s: Sandbox) => writeJson(s.config, edit(baseConfig(s), s));
const withModel = (extra: Record<string, unknown>) => editConfig((c) => ({ ...c, model: { [MODEL]: { ...c.model[MODEL] as object, ...extra } } }));
const withData = (name: string, entry: (c: ReturnType<typeof baseConfig>) => unknown) => editConfig((c) => ({ ...c, data: { [name]: entry(c) } }));
const tsvEntry = (c: ReturnType<typeof baseConfig>) => c.data[TSV_DATA] as Record<string, unknown>;
const test2d = (s: Sandbox) => join(s.parquetDir, 'test_2d.parquet');

const TSV_CASES: readonly Case[] = on(TSV_DATA, [
  {
    name: 'a TSV cut short inside an image cell',
    cls: 'DataError',
    arrange: writeTsv(truncatedInImage()),
    expect: [row, 'expected 11 tab-separated fields (as in the header), found 2', 'the file ends in the middle of this row'],
  },
  { name: 'a TSV cut short inside a quoted field', cls: 'DataError', arrange: writeTsv(truncatedInQuotedField()), expect: [row, 'unterminated quoted field'] },
  { name: 'a UTF-16 TSV (Excel "Unicode text")', cls: 'DataError', arrange: writeTsv(utf16()), expect: [(s) => `${s.tsv}: the file is UTF-16 encoded`] },
  { name: 'Latin-1 text in one row', cls: 'DataError', arrange: writeTsv(latin1Row()), expect: [row, 'invalid UTF-8'] },
  { name: 'a NUL byte in one row', cls: 'DataError', arrange: writeTsv(nulRow()), expect: [row, 'unexpected NUL byte'] },
  { name: 'a Parquet file named .tsv', cls: 'DataError', arrange: async (s) => writeCvBench(s.tsv, [0]), expect: [tsvFile, 'this is a Parquet file'] },
  { name: 'an HTML error page saved as the TSV', cls: 'DataError', arrange: writeTsv('<!DOCTYPE html>\n<html><body>Access denied</body></html>\n'), expect: [tsvFile, 'HTML/XML page'] },
  { name: 'an empty file', cls: 'DataError', arrange: writeTsv(''), expect: [tsvFile, 'empty file'] },
  { name: 'a header and no rows', cls: 'DataError', arrange: writeTsv(`${HEADER}\n`), expect: [tsvFile, 'no data rows'] },
  { name: 'a header naming a column twice', cls: 'DataError', arrange: writeTsv(`${validLines().join('\n').replace('\tcategory\t', '\tquestion\t')}\n`), expect: [tsvFile, "column 'question' appears twice"] },
  { name: 'a row with an extra field', cls: 'DataError', arrange: writeTsv(withBadRow((r) => `${validLines()[1]?.replace(/^0/, r.index)}\textra`)), expect: [row, 'found 12'] },
  {
    name: 'a 10 MB image cell with one bad base64 character near its end',
    cls: 'DataError',
    arrange: writeTsv(withBadRow((r) => ({ ...r, image: hugeBadBase64() }))),
    expect: [`, column 'image')`, /invalid character "@" at position 1048\d{4}/],
  },
  {
    name: 'a 10 MB image cell whose bytes are no image',
    cls: 'DataError',
    arrange: writeTsv(withBadRow((r) => ({ ...r, image: hugeNonImageBase64() }))),
    expect: [row, 'the 7864320 decoded bytes are not a JPEG, PNG'],
  },
  { name: 'a 10 MB field that never closes its quote', cls: 'DataError', arrange: writeTsv(unterminatedHugeField()), expect: [row, 'unterminated quoted field'] },
  { name: 'invalid base64 in an image cell', cls: 'DataError', arrange: writeTsv(withBadRow((r) => ({ ...r, image: `iVBOR${'%'.repeat(95)}` }))), expect: [row, 'invalid character "%"'] },
  {
    name: 'image bytes that are not an image',
    cls: 'DataError',
    arrange: writeTsv(withBadRow((r) => ({ ...r, image: Buffer.from('this is plain text, not a picture at all; '.repeat(3)).toString('base64') }))),
    expect: [row, 'are not a JPEG, PNG', 'start with hex 7468697320697320'],
  },
  { name: 'a duplicated index', cls: 'DataError', arrange: writeTsv(withBadRow((r) => ({ ...r, index: '2' }))), expect: [row, "column 'index'", "duplicate index '2'"] },
  { name: 'a missing answer', cls: 'DataError', arrange: writeTsv(withBadRow((r) => ({ ...r, answer: '' }))), expect: [row, "column 'answer'", "empty 'answer'"] },
  {
    name: 'no answer column at all',
    cls: 'DataError',
    arrange: writeTsv(`${validLines().map((l) => l.split('\t').filter((_, i) => i !== 7).join('\t')).join('\n')}\n`),
    expect: [(s) => `${s.tsv} (row 1, column 'answer')`, "missing column 'answer'"],
  },
  { name: 'an answer letter beyond Z ("AA")', cls: 'DataError', arrange: writeTsv(withBadRow((r) => ({ ...r, answer: 'AA' }))), expect: [row, "answer 'AA' is not one of the row's options (A, B, C, D)"] },
  { name: 'option columns past Z (A..Z, AA)', cls: 'DataError', arrange: writeTsv(optionsPastZ()), expect: [(s) => `${s.tsv} (row 1, column 'AA')`, 'options continue past Z'] },
  { name: 'an image cell referring to a row that does not exist', cls: 'DataError', arrange: writeTsv(withBadRow((r) => ({ ...r, image: '999' }))), expect: [row, "no row has index '999'"] },
]);

const PARQUET_CASES: readonly Case[] = on(PARQUET_DATA, [
  {
    name: 'a truncated Parquet file',
    cls: 'DataError',
    arrange: (s) => truncateFile(join(s.parquetDir, 'test_3d.parquet'), 0.6),
    expect: [(s) => join(s.parquetDir, 'test_3d.parquet'), 'truncated or damaged Parquet file'],
  },
  { name: 'a TSV named .parquet', cls: 'DataError', arrange: (s) => writeFile(test2d(s), `${validLines().join('\n')}\n`), expect: [test2d, 'not a Parquet file'] },
  {
    name: 'a Parquet row with 27 options',
    cls: 'DataError',
    arrange: (s) => writeCvBench(test2d(s), PARQUET_2D, (r, i) => (i === 0 ? { ...r, choices: Array.from({ length: 27 }, (_, k) => `option ${k}`) } : r)),
    expect: [(s) => `${test2d(s)} (row 1, column 'choices')`, 'expected at most 26 options, found 27'],
  },
  {
    name: 'a Parquet answer beyond Z',
    cls: 'DataError',
    arrange: (s) => writeCvBench(test2d(s), PARQUET_2D, (r, i) => (i === 0 ? { ...r, answer: '(AA)' } : r)),
    expect: [(s) => `${test2d(s)} (row 1, column 'answer')`, "answer '(AA)' is not one of the row's options"],
  },
  {
    name: 'Parquet image bytes that are not an image',
    cls: 'DataError',
    arrange: (s) => writeCvBench(join(s.parquetDir, 'test_3d.parquet'), PARQUET_3D, (r, i) => (i === 1 ? { ...r, image: { bytes: Buffer.from('GIF? no, text'), path: 'x.jpg' } } : r)),
    expect: [(s) => `${join(s.parquetDir, 'test_3d.parquet')} (row 2, column 'image')`, 'are not a JPEG, PNG'],
  },
]);

const CONFIG_CASES: readonly Case[] = [
  { name: 'a config that is not JSON', cls: 'ConfigError', arrange: (s) => writeFile(s.config, '{"model": {'), expect: [config, 'not valid JSON'] },
  { name: 'an empty config', cls: 'ConfigError', arrange: (s) => writeFile(s.config, ''), expect: [config, 'not valid JSON'] },
  { name: 'a UTF-16 config', cls: 'ConfigError', arrange: (s) => writeFile(s.config, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{}', 'utf16le')])), expect: [config, 'UTF-16'] },
  { name: 'a JSON array instead of an object', cls: 'ConfigError', arrange: (s) => writeFile(s.config, '[]'), expect: [config, /expected object/] },
  { name: 'an unknown top-level key', cls: 'ConfigError', arrange: editConfig((c) => ({ ...c, models: {} })), expect: [config, 'unknown top-level key(s) "models"'] },
  { name: 'an unknown key in a data entry', cls: 'ConfigError', arrange: withData(TSV_DATA, (c) => ({ ...tsvEntry(c), pth: 'x.tsv' })), expect: [config, `unknown key(s) "pth" in data.${TSV_DATA}`] },
  { name: 'an unknown judge setting', cls: 'ConfigError', arrange: editConfig((c) => ({ ...c, judge: { model: 'j', temprature: 0 } })), expect: [config, 'unknown key(s) "temprature" in judge'] },
  { name: 'a number given as a string', cls: 'ConfigError', arrange: withModel({ temperature: '0.5' }), expect: [config, `field model.${MODEL}.temperature`, /expected number/] },
  { name: 'a data entry that is a string', cls: 'ConfigError', arrange: withData(TSV_DATA, () => 'E2E.tsv'), expect: [config, `field data.${TSV_DATA}`] },
  { name: 'a model name climbing out of the work dir', cls: 'ConfigError', arrange: editConfig((c) => ({ ...c, model: { '../evil': c.model[MODEL] } })), expect: [config, 'field model.../evil: invalid name'] },
  { name: 'a dataset output name with a path separator', cls: 'ConfigError', arrange: withData('sub/E2E', tsvEntry), expect: [config, 'field data.sub/E2E: invalid name'] },
  { name: 'a "dataset" value climbing out of $LMUData', cls: 'ConfigError', arrange: withData(TSV_DATA, () => ({ class: 'ImageMCQDataset', dataset: '../../home/evil' })), expect: [config, `field data.${TSV_DATA}.dataset`] },
  { name: 'a "dataset" value with a backslash', cls: 'ConfigError', arrange: withData(TSV_DATA, () => ({ class: 'ImageMCQDataset', dataset: '..\\evil' })), expect: [config, `field data.${TSV_DATA}.dataset`] },
  {
    name: 'a key referring to an unset environment variable',
    cls: 'ConfigError',
    arrange: withModel({ key: '${ACTIAL_HOSTILE_UNSET}' }),
    expect: [config, `field model.${MODEL}.key: \${ACTIAL_HOSTILE_UNSET} refers to environment variable ACTIAL_HOSTILE_UNSET, which is not set`],
  },
  {
    name: 'a path referring to an empty environment variable',
    cls: 'ConfigError',
    arrange: withData(TSV_DATA, (c) => ({ ...tsvEntry(c), path: '${ACTIAL_HOSTILE_EMPTY}/E2E.tsv' })),
    env: { ACTIAL_HOSTILE_EMPTY: '' },
    expect: [config, `field data.${TSV_DATA}.path`, 'ACTIAL_HOSTILE_EMPTY, which is empty'],
  },
  { name: 'an unknown model class', cls: 'ConfigError', arrange: withModel({ class: 'NoSuchWrapper' }), expect: [config, `model '${MODEL}': unknown class 'NoSuchWrapper'`] },
  { name: '--data naming a dataset the config lacks', cls: 'ConfigError', arrange: async () => undefined, args: ['--data', 'Nope'], expect: [(s) => `--data Nope: not in config ${s.config}`] },
  {
    name: 'a known dataset with no file and downloads off',
    cls: 'DataNotFoundError',
    arrange: withData('BLINK', () => ({ class: 'ImageMCQDataset', dataset: 'BLINK' })),
    expect: [`dataset 'BLINK': no data found (not downloaded: HF_HUB_OFFLINE=1)`, (s) => join(s.env['LMUData'] as string, 'BLINK.tsv')],
  },
];

let template: string;
beforeAll(async () => {
  template = await makeTemplate();
}, 120_000);
afterAll(async () => {
  if (template !== undefined) await removeSandbox({ root: template });
});

async function runCase(c: Case): Promise<void> {
  const s = await sandboxFrom(template);
  try {
    await c.arrange(s);
    const before = await snapshot(s.root);
    const only = c.only !== undefined ? ['--data', c.only] : [];
    const res = await runCli(s, ['--config', s.config, '--work-dir', s.work, ...only, ...(c.args ?? [])], c.env);
    const patterns = c.expect.map((p) => (typeof p === 'function' ? p(s) : p));
    expectRefused(res, c.cls, patterns, changes(before, await snapshot(s.root)), s);
  } finally {
    await removeSandbox(s);
  }
}

describe.concurrent('hostile input: exit 2, one line with the error class, nothing written or changed', () => {
  for (const c of [...TSV_CASES, ...PARQUET_CASES, ...CONFIG_CASES]) {
    it(`${c.cls}: ${c.name}`, () => runCase(c), 60_000);
  }
});

describe('hostile input: the control case', () => {
  it('the untouched sandbox reruns with exit 0 and the same files, so the checks above can see a change', async () => {
    const s = await sandboxFrom(template);
    try {
      // The first rerun rewrites the summaries' provenance with this sandbox's data paths.
      const args = ['--config', s.config, '--work-dir', s.work];
      expect((await runCli(s, args)).code).toBe(0);
      const before = await snapshot(s.root);
      const res = await runCli(s, args);
      expect(res.code, res.stderr).toBe(0);
      expect(changes(before, await snapshot(s.root))).toEqual([]);
    } finally {
      await removeSandbox(s);
    }
  }, 60_000);
});
