import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CURRENT_FORMATS,
  formatsAfter,
  readRunHeader,
  readRunHeaderIfAny,
  RUN_HEADER_SCHEMA,
  runHeaderJson,
  writeRunHeader,
  type RunHeader,
} from '../../src/workdir/header.js';
import { WorkDirError } from '../../src/workdir/errors.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'actial-header-'));
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

const HEADER: RunHeader = {
  schema: RUN_HEADER_SCHEMA,
  formats: CURRENT_FORMATS,
  config_hash: 'c1',
  dataset_file: ['/data/a, b.parquet', '/data/c.parquet'],
  dataset_fingerprint: 'sha256-edges:f',
  settings: { model: 'm', temperature: 0, max_tokens: 64, extra: { top_p: 1 } },
  endpoint_model: 'm',
  benchmark: 'image-mcq',
  dataset_name: 'X',
  circular: true,
  extract: null,
  shard: { shards: [2], of: 3 },
  dataset_rows: 10,
};

/** What the code before run-header@2 wrote: no `schema`, the files joined with ', '. */
const V1 = {
  config_hash: 'c1',
  dataset_file: '/data/x.tsv',
  dataset_fingerprint: 'sha256-edges:f',
  settings: { model: 'm' },
  endpoint_model: 'm',
  benchmark: 'image-mcq',
  dataset_name: 'X',
  circular: false,
  extract: null,
  dataset_rows: 4,
};

async function headerFile(content: unknown): Promise<string> {
  const file = join(dir, 'M_X.meta.json');
  await writeFile(file, typeof content === 'string' ? content : `${JSON.stringify(content, null, 2)}\n`);
  return file;
}

describe('run header', () => {
  it('round-trips, lists kept as lists, keys in one order whatever order they were built in', async () => {
    const file = join(dir, 'M_X.meta.json');
    await writeRunHeader(file, HEADER);
    expect(await readRunHeader(file)).toEqual(HEADER);
    const { dataset_rows, shard, ...rest } = HEADER;
    const shuffled: RunHeader = { dataset_rows, ...rest, shard };
    expect(runHeaderJson(shuffled)).toBe(await readFile(file, 'utf8'));
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ dataset_file: ['/data/a, b.parquet', '/data/c.parquet'] });
  });

  it('reads a version-1 header as version 2, splitting the joined files, its score file in version 1', async () => {
    const header = await readRunHeader(await headerFile(V1));
    expect(header).toEqual({ ...V1, schema: RUN_HEADER_SCHEMA, dataset_file: ['/data/x.tsv'], formats: { ...CURRENT_FORMATS, scores: 'actial-eval/scores@1' } });
    expect((await readRunHeader(await headerFile({ ...V1, dataset_file: '/d/a.parquet, /d/b.parquet' }))).dataset_file).toEqual(['/d/a.parquet', '/d/b.parquet']);
    // A rewritten header keeps the score file's format until scoring rewrites that file.
    expect(formatsAfter(header).scores).toBe('actial-eval/scores@1');
    expect(formatsAfter(undefined)).toEqual(CURRENT_FORMATS);
  });

  it('refuses with one line naming the file and the field', async () => {
    const cases: [unknown, RegExp][] = [
      [{ ...V1, circular: 'yes' }, /M_X\.meta\.json: field 'circular': expected boolean, received string \(hand-edited/],
      [{ ...V1, benchmark: undefined }, /field 'benchmark' is missing \(expected string\)/],
      [{ ...V1, dataset_rows: -1 }, /field 'dataset_rows': /],
      [{ ...V1, typo: 1 }, /unknown field 'typo'/],
      [{ ...HEADER, shard: { shards: [4], of: 3 } }, /field 'shard.shards': every shard must be at most `of`/],
      [{ ...HEADER, formats: { ...CURRENT_FORMATS, predictions: 'actial-eval/predictions@7' } }, /field 'formats.predictions': expected "actial-eval\/predictions@1" \(a newer format needs a newer actial-eval\)/],
      [{ ...HEADER, schema: 'actial-eval/run-header@3' }, /field 'schema': "actial-eval\/run-header@3" is not a run header this actial-eval reads/],
      ['{"config_hash": "c1", "dataset', /M_X\.meta\.json: not valid JSON/],
      [[1, 2], /M_X\.meta\.json: the value: expected object, received array/],
    ];
    for (const [content, message] of cases) {
      const error = await readRunHeader(await headerFile(content)).then(() => undefined, (e: unknown) => e);
      expect(error, String(message)).toBeInstanceOf(WorkDirError);
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message).not.toContain('\n');
    }
  });

  it('tells a missing header from a bad one', async () => {
    expect(await readRunHeaderIfAny(join(dir, 'none.meta.json'))).toBeUndefined();
    await expect(readRunHeader(join(dir, 'none.meta.json'))).rejects.toThrow(/none\.meta\.json: no run header/);
  });
});
