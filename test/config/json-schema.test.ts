/**
 * The config's JSON Schema is generated from the zod schema the loader checks, committed as
 * schema/config.schema.json for editors, and printed by `actial-eval schema`. Every shipped config
 * points its `"$schema"` at the committed file.
 */
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIG_SCHEMA_FILE, configJsonSchema, configJsonSchemaText } from '../../src/config/json-schema.js';
import { configSchema } from '../../src/config/schema.js';
import { REPO_ROOT, runCli } from '../e2e/helpers.js';

const REGENERATE = `out of date: regenerate it with \`npm run build && node bin/actial-eval.js schema > ${CONFIG_SCHEMA_FILE}\``;

async function shippedConfigs(): Promise<string[]> {
  const inConfigs = (await readdir(join(REPO_ROOT, 'configs'))).filter((f) => f.endsWith('.json')).map((f) => join(REPO_ROOT, 'configs', f));
  return [join(REPO_ROOT, 'actial_test.json'), ...inConfigs];
}

describe('the config JSON Schema', () => {
  it(`is committed as ${CONFIG_SCHEMA_FILE}, exactly as generated`, async () => {
    const committed = await readFile(join(REPO_ROOT, CONFIG_SCHEMA_FILE), 'utf8');
    expect(committed, `${CONFIG_SCHEMA_FILE} ${REGENERATE}`).toBe(configJsonSchemaText());
  });

  it('is what `actial-eval schema` prints', async () => {
    const run = await runCli(['schema']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(configJsonSchemaText());
  });

  it('describes the top level the loader accepts, and no other key', () => {
    const schema = configJsonSchema();
    expect(schema['$schema']).toBe('http://json-schema.org/draft-07/schema#');
    expect(Object.keys(schema['properties'] ?? {}).sort()).toEqual(Object.keys(configSchema.shape).sort());
    expect(schema['required']).toEqual(['model', 'data']);
    expect(schema['additionalProperties']).toBe(false);
  });

  it('is named by every shipped config, which the loader\'s schema accepts', async () => {
    const configs = await shippedConfigs();
    expect(configs.length).toBeGreaterThan(3);
    for (const file of configs) {
      const json: unknown = JSON.parse(await readFile(file, 'utf8'));
      const parsed = configSchema.safeParse(json);
      expect(parsed.success, `${file}: ${parsed.error?.message ?? ''}`).toBe(true);
      expect(parsed.data?.$schema, file).toBeDefined();
      expect(resolve(dirname(file), parsed.data?.$schema ?? ''), file).toBe(join(REPO_ROOT, CONFIG_SCHEMA_FILE));
    }
  });
});
