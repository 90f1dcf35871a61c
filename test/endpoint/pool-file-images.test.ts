/**
 * Image-affinity routing with images by path, against four real mock servers that read the files:
 * requests naming the same copy meet the same endpoint, and distinct copies spread, also when the
 * folder's path is long (the copies differ only in their last 70 characters, past what sampling a
 * data URL would read).
 */
import { mkdir, mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { paddedJpeg } from '../../bench/synthetic.js';
import { sha256 } from '../../src/core/hash.js';
import { discoverModel } from '../../src/endpoint/pool/discover.js';
import { Member } from '../../src/endpoint/pool/member.js';
import { EndpointPool } from '../../src/endpoint/pool/pool.js';
import { affinityKey } from '../../src/endpoint/pool/route.js';
import { startMockServer } from '../../src/mock/server.js';
import type { ChatBody } from '../../src/request/body.js';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length > 0) await closers.pop()?.().catch(() => undefined);
});

function body(i: number, url: string): ChatBody {
  const content = [{ type: 'image_url' as const, image_url: { url } }, { type: 'text' as const, text: `Question: item ${i}\nOptions:\nA. x\nB. y\n` }];
  return { model: 'mock-model', messages: [{ role: 'user', content }], temperature: 0, max_tokens: 16, n: 1 };
}

describe('image-affinity with file:// URLs', () => {
  it('routes by the copy a request names, whatever the length of the folder path', async () => {
    const root = await realpath(await mkdtemp(join(tmpdir(), 'actial-affinity-')));
    closers.push(() => rm(root, { recursive: true, force: true }));
    const media = join(root, 'a'.repeat(200), 'b'.repeat(200), 'c'.repeat(150));
    await mkdir(media, { recursive: true });
    const urls: string[] = [];
    for (let k = 0; k < 12; k++) {
      const jpeg = paddedJpeg(2_000, `affinity ${k}`);
      const file = join(media, `${sha256(jpeg)}.jpg`);
      await writeFile(file, jpeg);
      urls.push(pathToFileURL(file).href);
    }
    expect(urls[0]?.length).toBeGreaterThan(600);
    const servers = [];
    for (let i = 0; i < 4; i++) {
      const s = await startMockServer({ modelId: 'mock-model', latencyMs: 5, allowedLocalMediaPath: root });
      closers.push(() => s.close());
      servers.push(s);
    }
    const members = servers.map((s) => new Member({ baseURL: s.url, apiKey: 'EMPTY', maxConcurrency: 48 }, { timeoutMs: 5_000, adaptive: false }));
    const found = await discoverModel(members, 'm', 'mock-model');
    const pool = new EndpointPool(members, { modelId: found.id, tries: 1, backoffS: 0.01, timeoutMs: 5_000, endpointWaitMs: 5_000, routing: 'image-affinity', log: () => undefined });
    closers.push(() => pool.close());

    const outcomes = await Promise.all(urls.flatMap((url, k) => Array.from({ length: 3 }, (_, r) => pool.complete(body(k * 10 + r, url)))));
    expect(outcomes.every((o) => o.status === 'ok')).toBe(true);
    const endpointOf = urls.map((_, k) => new Set(outcomes.slice(k * 3, k * 3 + 3).map((o) => o.endpoint)));
    endpointOf.forEach((where, k) => expect(where.size, `image ${k}`).toBe(1));
    expect(new Set(endpointOf.map((where) => [...where][0])).size).toBeGreaterThan(1);
    expect(new Set(urls.map((url) => affinityKey(body(0, url)))).size).toBe(urls.length);
    expect(affinityKey(body(1, urls[0] ?? ''))).toBe(affinityKey(body(2, urls[0] ?? '')));
  });
});
