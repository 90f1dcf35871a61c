/**
 * Figure 7f: the CPU a request costs with no harness at all, only undici and node, against the same
 * mock, at the same concurrency and body size as the harness's requests by path (7c). It shows how
 * much of 7c any Node client pays, and so what the 7b/7c goal leaves for the harness's own work.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const CLIENT = fileURLToPath(new URL('./http-floor-client.js', import.meta.url));

const Result = z.object({ n: z.number(), failed: z.number(), bodyBytes: z.number(), allMs: z.number(), requestsMs: z.number() });
export type HttpFloor = z.infer<typeof Result>;

/** Runs the bare client once; the best of `passes` runs is kept (the floor, not an average). */
export async function httpFloor(chatUrl: string, n: number, concurrency: number, bodyBytes: number, passes = 3): Promise<HttpFloor> {
  let best: HttpFloor | undefined;
  for (let i = 0; i < passes; i++) {
    const run = await runClient([chatUrl, String(n), String(concurrency), String(Math.round(bodyBytes))]);
    if (best === undefined || run.allMs < best.allMs) best = run;
  }
  if (best === undefined) throw new Error('http floor: no pass ran');
  return best;
}

function runClient(args: readonly string[]): Promise<HttpFloor> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLIENT, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`http floor client exited with ${String(code)}: ${err.slice(-500)}`));
      resolve(Result.parse(JSON.parse(out)));
    });
  });
}
