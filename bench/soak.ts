/**
 * Kill/restart soak: the real CLI (a child process) evaluates a dataset against a loopback mock
 * with latency and transient faults, and is killed with SIGKILL at seeded random moments (while
 * starting, asking, or scoring), then restarted on the same work dir. After every round the store
 * is checked (soak-check.ts); at the end the resumed run must score exactly like a clean one.
 *
 * `npm run build && node scripts/soak.mjs [--rounds 200] [--minutes 20]` for a long run; the test
 * suite runs a short one (test/soak/soak.test.ts).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { writeSyntheticTsv } from './synthetic.js';
import { parseFault } from '../src/mock/faults.js';
import { startMockServer } from '../src/mock/server.js';
import { seededRandom } from '../src/score/random.js';
import { checkStore, checkWhole, EMPTY_STORE, SoakViolation, type StoreState } from './soak-check.js';

export interface SoakOptions {
  /** Kill/restart rounds wanted. */
  readonly rounds: number;
  /** Stop starting rounds after this long, whatever the count (then finish and compare). */
  readonly budgetMs: number;
  readonly seed?: number;
  /** Questions; the dataset is circular, so 4 rows each. */
  readonly questions?: number;
  readonly latencyMs?: number;
  readonly concurrency?: number;
  /** Start-up kills land uniformly in [0, maxKillMs) after the spawn. */
  readonly maxKillMs?: number;
  readonly log?: (line: string) => void;
}

export interface SoakReport {
  /** Rounds that ended in a SIGKILL, then a restart. */
  readonly rounds: number;
  /** Kills that left the store unchanged (start-up), mid-inference, and once every row was answered (scoring). */
  readonly killedAt: { readonly startup: number; readonly inference: number; readonly scoring: number };
  /** Runs that finished on their own before their kill (each then compared with the clean run). */
  readonly finishedRuns: number;
  readonly tornLines: number;
  readonly failedLines: number;
  readonly rows: number;
  readonly elapsedMs: number;
}

const MODEL = 'ckpt';
const DATA = 'Soak_circular';
const ROOT = findRoot(dirname(fileURLToPath(import.meta.url)));
const CLI = join(ROOT, 'bin', 'actial-eval.js');

/** bench/ runs from source (vitest) or from dist/bench/: look upward for the launcher. */
function findRoot(from: string): string {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'bin', 'actial-eval.js'))) return dir;
  }
  throw new Error(`soak: cannot find bin/actial-eval.js above ${from}`);
}

interface Child {
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
  kill(): void;
}

function startCli(config: string, work: string, concurrency: number): Child {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  for (const name of ['OPENAI_API_KEY', 'OPENAI_API_BASE', 'LMUData', 'LOCAL_LLM']) delete env[name];
  const child = spawn(process.execPath, [CLI, '--config', config, '--work-dir', work, '--api-nproc', String(concurrency)], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (s: string) => (stderr = (stderr + s).slice(-20_000)));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal, stderr }));
  });
  return { exited, kill: () => child.kill('SIGKILL') };
}

function files(work: string): { store: string; summary: string; scores: string; acc: string } {
  const stem = join(work, MODEL, `${MODEL}_${DATA}`);
  return { store: `${stem}.jsonl`, summary: `${stem}_summary.json`, scores: `${stem}_score.jsonl`, acc: `${stem}_acc.csv` };
}

/** Metrics, counts and the per-row score and accuracy files: what must not depend on the kills. */
async function outcome(work: string): Promise<string> {
  const f = files(work);
  const summary = JSON.parse(await readFile(f.summary, 'utf8')) as { metrics: unknown; counts: unknown };
  const parts = [JSON.stringify(summary.metrics), JSON.stringify(summary.counts), await readFile(f.scores, 'utf8'), await readFile(f.acc, 'utf8')];
  return parts.join('\n--\n');
}

/** An unexpected exit, with the end of the child's stderr (progress lines left out). */
function exitText(res: { code: number | null; signal: NodeJS.Signals | null; stderr: string }): string {
  const lines = res.stderr.split('\n').filter((l) => l.trim() !== '' && !/ answered, /.test(l));
  return `exit ${String(res.code ?? res.signal)}:\n${lines.slice(-12).join('\n')}`;
}

async function runToEnd(config: string, work: string, concurrency: number, what: string): Promise<void> {
  const res = await startCli(config, work, concurrency).exited;
  if (res.code !== 0) throw new SoakViolation(`${what}: ${exitText(res)}`);
}

/** The dataset and two configs: one at the faulty server, one at the clean reference. */
async function setUp(dir: string, questions: number, servers: { faulty: string; clean: string }): Promise<{ config: string; cleanConfig: string }> {
  const tsv = join(dir, `${DATA}.tsv`);
  await writeSyntheticTsv(tsv, { rows: questions * 4, imageBytes: 300, circular: true });
  const write = async (name: string, url: string): Promise<string> => {
    const model = { class: 'GPT4V', model: 'mock-model', api_base: `${url}/chat/completions`, key: 'EMPTY', temperature: 0, max_tokens: 64, img_size: -1, retry: 4, wait: 0.01, timeout: 10 };
    const file = join(dir, name);
    await writeFile(file, JSON.stringify({ model: { [MODEL]: model }, data: { [DATA]: { class: 'ImageMCQDataset', dataset: DATA, path: tsv } } }));
    return file;
  };
  return { config: await write('config.json', servers.faulty), cleanConfig: await write('clean.json', servers.clean) };
}

interface KillPlan {
  readonly describe: string;
  /** Resolves 'kill' when the moment comes; never, if the child exits first. */
  due(store: string, exited: Promise<unknown>): Promise<'kill'>;
}

/**
 * Where the next kill lands. Pure timing would put every kill in start-up on a slow machine and
 * none in scoring on a fast one, so most kills are tied to progress instead: after a random number
 * of new store lines (mid-inference, often mid-write), or once every row is answered (scoring).
 * Every choice comes from the seeded generator; only the machine's speed varies.
 */
function killPlan(random: () => number, state: StoreState, rows: number, opts: SoakOptions): KillPlan {
  const dice = random();
  const extraMs = random() * 40;
  if (dice < 0.2) {
    const ms = random() * (opts.maxKillMs ?? 1500);
    return { describe: `${Math.round(ms)} ms after the spawn`, due: () => delay(ms).then(() => 'kill' as const) };
  }
  if (dice < 0.85) {
    const lines = lineCount(state.complete) + 1 + Math.floor(random() * Math.max(1, rows / 10));
    return { describe: `at ${lines} store lines + ${Math.round(extraMs)} ms`, due: (store, exited) => whenStore(store, exited, (t) => lineCount(t) >= lines, extraMs) };
  }
  const ms = extraMs * 10;
  return { describe: `${Math.round(ms)} ms after all ${rows} rows were answered`, due: (store, exited) => whenStore(store, exited, (t) => okCount(t) >= rows, ms) };
}

function lineCount(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

function okCount(text: string): number {
  return text.split('\n').filter((l) => l.includes('"status":"ok"')).length;
}

/** Polls the store until `ready` holds, then waits `extraMs`; gives up when the child exits. */
async function whenStore(store: string, exited: Promise<unknown>, ready: (text: string) => boolean, extraMs: number): Promise<'kill'> {
  let gone = false;
  void exited.then(() => (gone = true));
  let size = -1;
  while (!gone) {
    const now = await stat(store).then((s) => s.size, () => 0);
    if (now !== size) {
      size = now;
      if (ready(await readFile(store, 'utf8').catch(() => ''))) break;
    }
    await delay(5);
  }
  if (gone) return new Promise<'kill'>(() => undefined);
  await delay(extraMs);
  return 'kill';
}

/** Runs the soak; throws SoakViolation (naming the round and the rule) at the first broken promise. */
export async function soak(opts: SoakOptions): Promise<SoakReport> {
  const started = Date.now();
  const log = opts.log ?? (() => undefined);
  const questions = opts.questions ?? 60;
  const rows = questions * 4;
  const concurrency = opts.concurrency ?? 4;
  const random = seededRandom(opts.seed ?? 1);
  const dir = await mkdtemp(join(tmpdir(), 'actial-soak-'));
  // Transient faults ride along: retried items, and (400 on a first attempt) failed lines that a
  // restart must ask again. The clean reference server has none; answers depend only on the seed.
  const faults = ['503:0.1:first=1', 'reset:0.05:first=1', '400-context:0.03:first=1'].map((f) => parseFault(f));
  const server = await startMockServer({ modelId: 'mock-model', seed: 7, latencyMs: opts.latencyMs ?? 40, faults });
  const cleanServer = await startMockServer({ modelId: 'mock-model', seed: 7 });
  try {
    const { config, cleanConfig } = await setUp(dir, questions, { faulty: server.url, clean: cleanServer.url });
    await runToEnd(cleanConfig, join(dir, 'clean'), concurrency, 'clean run');
    const expected = await outcome(join(dir, 'clean'));
    const report = { rounds: 0, killedAt: { startup: 0, inference: 0, scoring: 0 }, finishedRuns: 0, tornLines: 0, failedLines: 0 };
    let epoch = 0;
    let work = join(dir, `work-${epoch}`);
    let state: StoreState = EMPTY_STORE;
    while (report.rounds < opts.rounds && Date.now() - started < opts.budgetMs) {
      const label = `round ${report.rounds + 1} (epoch ${epoch})`;
      const child = startCli(config, work, concurrency);
      const plan = killPlan(random, state, rows, opts);
      const first = await Promise.race([child.exited.then(() => 'exited' as const), plan.due(files(work).store, child.exited)]);
      if (first === 'kill') child.kill();
      const res = await child.exited;
      const before = state;
      state = await checkStore(files(work).store, before, label);
      for (const f of Object.values(files(work))) await checkWhole(f, label);
      report.tornLines += state.tornBytes > 0 ? 1 : 0;
      report.failedLines = Math.max(report.failedLines, state.failedLines);
      if (res.signal === 'SIGKILL') {
        report.rounds++;
        const phase = state.answered.size === rows ? 'scoring' : state.complete === before.complete ? 'startup' : 'inference';
        report.killedAt[phase]++;
        log(`${label}: killed ${plan.describe} (${phase}); ${state.answered.size}/${rows} answered, ${state.failedLines} failed lines${state.tornBytes > 0 ? ', torn last line' : ''}`);
        continue;
      }
      // Exit 3 = some items failed (a first-attempt 400): the next run must ask them again.
      if (res.code === 3) {
        log(`${label}: finished with ${state.failedLines} failed lines (exit 3); the restart must ask them again`);
        continue;
      }
      if (res.code !== 0) throw new SoakViolation(`${label}: ${exitText(res)}`);
      if ((await outcome(work)) !== expected) throw new SoakViolation(`${label}: finished, but scores differ from the clean run`);
      report.finishedRuns++;
      log(`${label}: finished on its own; scores identical to the clean run; starting epoch ${epoch + 1}`);
      epoch++;
      work = join(dir, `work-${epoch}`);
      state = EMPTY_STORE;
    }
    // The last restart runs to the end; a run that ends with failed items (exit 3) is followed by
    // one more, which must ask them again and get them.
    for (let run = 1; ; run++) {
      const res = await startCli(config, work, concurrency).exited;
      state = await checkStore(files(work).store, state, `final run ${run}`);
      if (res.code === 0) break;
      if (res.code !== 3 || run === 3) throw new SoakViolation(`final run ${run}: ${exitText(res)}`);
    }
    if ((await outcome(work)) !== expected) throw new SoakViolation('final run: scores differ from the clean run');
    if (existsSync(join(work, '.actial-eval.lock'))) throw new SoakViolation('final run: the work dir lock was not released');
    return { ...report, rows, elapsedMs: Date.now() - started };
  } finally {
    await server.close();
    await cleanServer.close();
    await rm(dir, { recursive: true, force: true });
  }
}
