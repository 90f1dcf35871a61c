/**
 * Figure 7e: the part of a request by path that happens before any HTTP, measured in this process
 * (no start-up, no sockets, no store): reading and parsing the TSV rows, decoding each image from
 * its base64, building the sample and the request (the image's sha256 and the prompt hash, the
 * resume key), checking that the copy is in place, and serialising the body. What is left of 7c
 * beyond it is start-up, the HTTP exchange, the endpoint pool and writing the record.
 */
import { FALLBACK_BENCHMARK } from '../benchmarks/index.js';
import type { GenerationSettings } from '../src/core/types.js';
import { streamSamples } from '../src/data/samples.js';
import { buildRequest, imageDigest } from '../src/request/build.js';
import { encodeChatBody } from '../src/request/wire.js';
import { MediaCache } from '../src/store/media-cache.js';

const SETTINGS: GenerationSettings = { model: 'mock-model', temperature: 0, max_tokens: 64, extra: {} };

/** CPU ms per row of the by-path row work over `tsv`, copies in `mediaDir` (the best of `passes`). */
export async function rowPathMs(tsv: string, mediaDir: string, passes = 3): Promise<number> {
  let best = Infinity;
  for (let i = 0; i < passes; i++) {
    // A fresh cache each pass: a run checks each copy once (a stat), as here.
    const cache = await MediaCache.open(mediaDir);
    const urlOf = (image: { mime: string }, sha: string): string => cache.urlOf(sha, image.mime);
    let rows = 0;
    const start = process.cpuUsage();
    for await (const { sample } of streamSamples(FALLBACK_BENCHMARK, { files: [tsv], format: 'tsv' })) {
      const request = buildRequest(sample, SETTINGS, urlOf);
      for (const part of sample.parts) {
        if (part.kind === 'image') await cache.put(part.image.data, imageDigest(part.image.data), part.image.mime);
      }
      encodeChatBody(request.body);
      rows++;
    }
    const used = process.cpuUsage(start);
    best = Math.min(best, (used.user + used.system) / 1000 / Math.max(1, rows));
  }
  return best;
}
