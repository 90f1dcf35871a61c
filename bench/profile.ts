/**
 * Summarises a V8 .cpuprofile (node --cpu-prof): self time per function and per source file, so a
 * bench run with BENCH_PROFILE=1 says where the harness spends its CPU without opening DevTools.
 * Also runnable on its own: `node dist/bench/profile.js FILE.cpuprofile [top]`.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { renderTable } from './table.js';

interface CallFrame {
  readonly functionName: string;
  readonly url: string;
  readonly lineNumber: number;
}

interface ProfileNode {
  readonly id: number;
  readonly callFrame: CallFrame;
  readonly children?: readonly number[];
}

interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly startTime: number;
  readonly endTime: number;
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

export interface ProfileSummary {
  readonly totalMs: number;
  readonly functions: readonly { name: string; where: string; selfMs: number }[];
  readonly files: readonly { file: string; selfMs: number }[];
  /** Self time by area: an npm package, a project folder (src/run, ...), node internals, V8/native. */
  readonly areas: readonly { area: string; selfMs: number }[];
}

function areaOf(url: string, name: string): string {
  if (url === '') return name === '(garbage collector)' || name === '(idle)' || name === '(program)' ? name : '(native)';
  if (url.startsWith('node:internal/deps/undici')) return 'node: bundled undici (global fetch/Headers/Response)';
  if (url.startsWith('node:internal/webstreams')) return 'node: web streams';
  if (url.startsWith('node:')) return 'node: other internals';
  const path = url.startsWith('file://') ? fileURLToPath(url) : url;
  const nm = path.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const parts = path.slice(nm + 'node_modules/'.length).split('/');
    return `npm: ${parts[0]?.startsWith('@') === true ? `${parts[0]}/${parts[1] ?? ''}` : (parts[0] ?? '')}`;
  }
  const dist = path.indexOf('/dist/');
  if (dist >= 0) return path.slice(dist + '/dist/'.length).split('/').slice(0, 2).join('/');
  return url.startsWith('wasm://') ? '(wasm)' : path;
}

function shortUrl(url: string): string {
  if (url === '') return '(native/V8)';
  const path = url.startsWith('file://') ? fileURLToPath(url) : url;
  const nm = path.lastIndexOf('node_modules/');
  if (nm >= 0) return path.slice(nm + 'node_modules/'.length);
  const dist = path.indexOf('/dist/');
  return dist >= 0 ? path.slice(dist + '/dist/'.length) : path;
}

export async function summariseProfile(file: string): Promise<ProfileSummary> {
  const profile = JSON.parse(await readFile(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i] ?? 0;
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  }
  const fns = new Map<string, { name: string; where: string; selfMs: number }>();
  const files = new Map<string, number>();
  const areas = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const node = byId.get(id);
    if (node === undefined) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const where = url === '' ? shortUrl(url) : `${shortUrl(url)}:${lineNumber + 1}`;
    const name = functionName === '' ? '(anonymous)' : functionName;
    const key = `${name}@${where}`;
    const entry = fns.get(key) ?? { name, where, selfMs: 0 };
    entry.selfMs += us / 1000;
    fns.set(key, entry);
    const f = url === '' ? `(${name})` : shortUrl(url);
    files.set(f, (files.get(f) ?? 0) + us / 1000);
    const a = areaOf(url, name);
    areas.set(a, (areas.get(a) ?? 0) + us / 1000);
  }
  return {
    totalMs: (profile.endTime - profile.startTime) / 1000,
    functions: [...fns.values()].sort((a, b) => b.selfMs - a.selfMs),
    files: [...files.entries()].map(([file, selfMs]) => ({ file, selfMs })).sort((a, b) => b.selfMs - a.selfMs),
    areas: [...areas.entries()].map(([area, selfMs]) => ({ area, selfMs })).sort((a, b) => b.selfMs - a.selfMs),
  };
}

export function renderProfile(s: ProfileSummary, top = 15): string {
  const pct = (ms: number): string => `${((100 * ms) / s.totalMs).toFixed(1)}%`;
  const fnTable = renderTable(
    ['self ms', 'share', 'function', 'where'],
    s.functions.slice(0, top).map((f) => [f.selfMs.toFixed(0), pct(f.selfMs), f.name, f.where]),
  );
  const fileTable = renderTable(
    ['self ms', 'share', 'file'],
    s.files.slice(0, top).map((f) => [f.selfMs.toFixed(0), pct(f.selfMs), f.file]),
  );
  const areaTable = renderTable(
    ['self ms', 'share', 'area'],
    s.areas.slice(0, top).map((a) => [a.selfMs.toFixed(0), pct(a.selfMs), a.area]),
  );
  return `profile span ${s.totalMs.toFixed(0)} ms\n${areaTable}\n\n${fnTable}\n\n${fileTable}`;
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const file = process.argv[2];
  if (file === undefined) {
    process.stderr.write('usage: node dist/bench/profile.js FILE.cpuprofile [top]\n');
    process.exitCode = 2;
  } else {
    process.stdout.write(`${renderProfile(await summariseProfile(file), Number(process.argv[3] ?? 25))}\n`);
  }
}
