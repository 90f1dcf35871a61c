import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/load.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'actial-config-'));
  await writeFile(join(dir, 'Set.tsv'), 'index\tquestion\n');
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

const model = { m: { class: 'GPT4V', model: 'x', api_base: 'http://127.0.0.1:1/v1' } };
const data = { Set: { class: 'ImageMCQDataset', dataset: 'Set' } };

async function load(config: unknown, env: Record<string, string> = { LMUData: dir }, text?: string) {
  const file = join(dir, `c${Math.random().toString(36).slice(2)}.json`);
  await writeFile(file, text ?? JSON.stringify(config));
  return loadConfig(file, { env });
}

describe('loadConfig', () => {
  it('finds $LMUData/<dataset>.tsv and keeps config order', async () => {
    const cfg = await load({ model, data });
    expect(cfg.datasets[0]).toMatchObject({ name: 'Set', files: [join(dir, 'Set.tsv')], format: 'tsv', circular: false });
    expect(cfg.hash).toMatch(/^[0-9a-f]{16}$/);
  });
  it('resolves a relative "path" against the config folder', async () => {
    const cfg = await load({ model, data: { S: { class: 'ImageMCQDataset', path: 'Set.tsv' } } }, {});
    expect(cfg.datasets[0]?.files).toEqual([join(dir, 'Set.tsv')]);
  });
  it('marks circular datasets by name', async () => {
    await writeFile(join(dir, 'Set_circular.tsv'), 'index\n');
    const cfg = await load({ model, data: { C: { class: 'ImageMCQDataset', dataset: 'Set_circular' } } });
    expect(cfg.datasets[0]?.circular).toBe(true);
  });
  it('reads an unknown data class as ImageMCQDataset when its TSV is found', async () => {
    const cfg = await load({ model, data: { Set: { class: 'SomeBench' } } });
    expect(cfg.datasets[0]?.benchmark.id).toBe('image-mcq');
  });

  const cases: [string, unknown, RegExp][] = [
    ['a wrong type', { model: { m: { ...model.m, temperature: 'hot' } }, data }, /field model\.m\.temperature: .*expected number/],
    ['an unknown top-level key', { model, data, judges: {} }, /unknown top-level key\(s\) "judges"; expected only "model", "data" and "judge"/],
    ['an unknown judge setting', { model, data, judge: { model: 'j', temperature: 1 } }, /unknown key\(s\) "temperature" in judge/],
    ['a name with a path separator', { model, data: { '../evil': data.Set } }, /field data\.\.\.\/evil: invalid name/],
    ['no models', { model: {}, data }, /field model: at least one model/],
    ['a missing TSV', { model, data: { Nope: { class: 'ImageMCQDataset' } } }, /dataset 'Nope': no data found; looked in '.*Nope\.tsv'.*set "path"/],
    ['an unknown mock setting', { model: { m: { class: 'GPT4V', api_base: 'mock', mock: { acc: 1 } } }, data }, /unknown key\(s\) "acc" in model\.m\.mock/],
    // The dataset name picks a module that takes no settings, whatever the class says: a setting of
    // the authors' form (OmniSpatial's "repeats") on VLMEvalKit's name would be ignored.
    ['a setting the named dataset does not take', { model, data: { O: { class: 'OmniSpatial', dataset: 'OmniSpatialBench', repeats: 5 } } }, /unknown key\(s\) "repeats" in data\.O/],
  ];
  for (const [what, config, message] of cases) {
    it(`refuses ${what} with one line naming the field`, async () => {
      await expect(load(config)).rejects.toThrow(message);
    });
  }
  it('says where to put a dataset no benchmark publishes, without an empty "get it from"', async () => {
    const err: unknown = await load({ model, data: { Nope: { class: 'ImageMCQDataset' } } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    const message = err instanceof Error ? err.message : '';
    expect(message).toMatch(/dataset 'Nope': no data found; looked in '.*Nope\.tsv'; no download is known for it: save it as \$LMUData\/Nope\.tsv or set "path" to the file or folder$/);
    expect(message).not.toMatch(/get it from/);
  });
  it('names the published URL of a dataset a benchmark knows', async () => {
    const empty = join(dir, 'empty-lmu');
    await expect(load({ model, data: { BLINK: { class: 'ImageMCQDataset', dataset: 'BLINK' } } }, { LMUData: empty, HF_HOME: empty })).rejects.toThrow(
      /get it from VLMEvalKit TSV: https:\/\/\S+\/BLINK\.tsv \(save as \$LMUData\/BLINK\.tsv\); HuggingFace: https:\/\/huggingface\.co\/datasets\/BLINK-Benchmark\/BLINK .*; or set "path"/,
    );
  });
  it('accepts and ignores an editor\'s "$schema" line, and a config without one loads the same', async () => {
    const plain = await load({ model, data });
    const withSchema = await load({ $schema: './schema/config.schema.json', model, data });
    expect(withSchema.models).toEqual(plain.models);
    expect(withSchema.datasets).toEqual(plain.datasets);
    await expect(load({ $schema: 1, model, data })).rejects.toThrow(/field \$schema: .*expected string/);
  });
  it('refuses invalid JSON and names the file', async () => {
    await expect(load(undefined, {}, '{"model": ')).rejects.toThrow(/config .*\.json: not valid JSON/);
  });
  it('checks --model / --data filters', async () => {
    const file = join(dir, 'f.json');
    await writeFile(file, JSON.stringify({ model, data }));
    await expect(loadConfig(file, { env: { LMUData: dir }, onlyData: ['Other'] })).rejects.toThrow(/--data Other: not in config/);
  });
});

describe('"extract" on a data entry', () => {
  it('accepts another letter pipeline and refuses one that reads numbers', async () => {
    const ok = await load({ model, data: { Set: { ...data.Set, extract: 'strict' } } });
    expect(ok.datasets[0]?.extract?.name).toBe('strict');
    await expect(load({ model, data: { Set: { ...data.Set, extract: 'numeric' } } })).rejects.toThrow(
      /dataset 'Set': "extract": "numeric" reads number answers, but .* is scored on letter answers; use one of vlmevalkit, robust/,
    );
    await expect(load({ model, data: { Set: { ...data.Set, extract: 'regex-magic' } } })).rejects.toThrow(
      /dataset 'Set': "extract": "regex-magic" is not a known extraction pipeline; use one of vlmevalkit, robust, strict, vlmevalkit-spatial, vlmevalkit@6708e8fb, lmms-first-letter, blink, lmms-3dsr, mmsi, lmms-mmsi, viewspatial, mindcube, mindcube-lmms, site, lmms-mmvp, mmvp-gpt-grader, omnispatial, lmms-omni-spatial$/,
    );
  });

  it('refuses the old name "default" with one line naming its new name', async () => {
    await expect(load({ model, data: { Set: { ...data.Set, extract: 'default' } } })).rejects.toThrow(
      /^config .*: dataset 'Set': "extract": "default" is now called "robust" \(it abstains where unsure\); write "extract": "robust"$/,
    );
  });
});
