/**
 * ActialChat sends max_tokens 32000 as its VLMEvalKit code does; a vLLM server whose context cannot
 * hold that plus the prompt refuses every request with the same 400. The run stops at the first
 * with one line saying which setting to change, and `"max_tokens": "auto"` leaves the answer's
 * length to the server.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { completionRequests, mockServer, nonProgressLines, paths, readJsonl, runCli, tempDir, writeConfig, writeMcqTsv, mcqData } from './helpers.js';

async function actialRun(maxTokens: number | 'auto' | undefined): Promise<{ code: number | null; lines: string[]; asked: number; work: string }> {
  const dir = await tempDir();
  // A tiny prompt is ~300 tokens here: 32000 more do not fit a 32100-token context.
  const server = await mockServer({ modelId: 'actial-7b', maxModelLen: 32_100 });
  const tsv = join(dir, 'Set.tsv');
  await writeMcqTsv(tsv, 40);
  const entry = { class: 'ActialChat', base_url: server.url, temperature: 0, ...(maxTokens !== undefined ? { max_tokens: maxTokens } : {}) };
  const config = await writeConfig(join(dir, 'config.json'), { model: { actial: entry }, data: { Set: mcqData(tsv) } });
  const work = join(dir, 'work');
  const res = await runCli(['--config', config, '--work-dir', work, '--api-nproc', '1']);
  return { code: res.code, lines: nonProgressLines(res.stderr), asked: completionRequests(server), work };
}

describe('a server whose context cannot hold max_tokens', () => {
  it('stops at the first refusal with one line naming max_tokens and the way out', async () => {
    const { code, lines, asked, work } = await actialRun(undefined);
    expect(code).toBe(2);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/model 'actial': the server refuses max_tokens 32000 for every request so far: 400 'max_tokens' or 'max_completion_tokens' is too large: 32000\..*lower "max_tokens" \(now 32000\) in model .actial..*"max_tokens": "auto"/);
    // Not forty identical failures: the run stopped at once (in-flight requests may finish).
    expect(asked).toBeLessThanOrEqual(4);
    const records = await readJsonl<{ status: string }>(paths(work, 'actial', 'Set').predictions);
    expect(records.every((r) => r.status === 'failed')).toBe(true);
  });

  it('with "max_tokens": "auto" sends no max_tokens and every request is answered', async () => {
    const { code, asked } = await actialRun('auto');
    expect(code).toBe(0);
    expect(asked).toBe(40);
  });

  it('a smaller max_tokens fits', async () => {
    const { code } = await actialRun(1024);
    expect(code).toBe(0);
  });
});
