import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { configSchema } from '../../src/config/schema.js';

const file = join(fileURLToPath(new URL('../../', import.meta.url)), 'configs', 'ci-gate.json');

describe('configs/ci-gate.json', () => {
  it('is a valid config whose two checkpoints differ only in served model and port', async () => {
    const config = configSchema.parse(JSON.parse(await readFile(file, 'utf8')));
    const { baseline, candidate } = config.model;
    expect(baseline).toBeDefined();
    expect(candidate).toBeDefined();
    // Same settings on both sides, so a difference `compare` finds is the checkpoint's.
    const strip = (m: Record<string, unknown> | undefined) => ({ ...m, model: undefined, api_base: undefined });
    expect(strip(candidate)).toEqual(strip(baseline));
    expect(Object.keys(config.data).length).toBeGreaterThan(0);
  });
});
