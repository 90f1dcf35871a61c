/**
 * Figure 7f's child process: undici alone, no harness. Sends `n` chat requests of `bodyBytes` bytes
 * (one text part, padded to the size of the harness's by-path bodies) over `c` keep-alive
 * connections, reads each JSON answer, and prints its own CPU as JSON: everything (the start-up of
 * node and of undici included) and the requests alone.
 * Usage: node http-floor-client.js <chat url> <n> <c> <bodyBytes>
 */
const started = process.cpuUsage();
const { Pool } = await import('undici');

const [url = '', nArg = '0', cArg = '1', bytesArg = '0'] = process.argv.slice(2);
const n = Number(nArg);
const c = Number(cArg);
const target = new URL(url);
const pool = new Pool(target.origin, { connections: c, pipelining: 1 });

const envelope = (text: string): string => JSON.stringify({ model: 'mock-model', messages: [{ role: 'user', content: [{ type: 'text', text }] }], temperature: 0, max_tokens: 64, n: 1 });
const body = Buffer.from(envelope('x'.repeat(Math.max(1, Number(bytesArg) - envelope('').length))));

let next = 0;
let failed = 0;
async function worker(): Promise<void> {
  while (next < n) {
    next++;
    const res = await pool.request({ path: target.pathname, method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const answer: unknown = await res.body.json();
    if (res.statusCode !== 200 || typeof answer !== 'object' || answer === null || !('choices' in answer)) failed++;
  }
}

const requestsStarted = process.cpuUsage();
await Promise.all(Array.from({ length: c }, worker));
const requests = process.cpuUsage(requestsStarted);
const all = process.cpuUsage(started);
await pool.close();
const ms = (u: NodeJS.CpuUsage): number => (u.user + u.system) / 1000;
process.stdout.write(`${JSON.stringify({ n, failed, bodyBytes: body.length, allMs: ms(all), requestsMs: ms(requests) })}\n`);
