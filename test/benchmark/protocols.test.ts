import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BENCHMARKS, PIPELINE_REGISTRY } from '../../benchmarks/index.js';
import { primaryProtocol, protocolProblems, twinOf, withUserPipeline } from '../../src/benchmark/protocols.js';
import type { Protocol } from '../../src/benchmark/types.js';
import { GENERIC_PIPELINES } from '../../src/extract/pipelines.js';
import type { Pipeline } from '../../src/extract/types.js';
import { REPO_ROOT } from '../e2e/helpers.js';

const proto = (name: string, roles: Protocol['roles'], extract: Pipeline = GENERIC_PIPELINES.robust): Protocol => ({
  name, roles, extract, grouping: { kind: 'row' }, metrics: [{ kind: 'accuracy', name: 'Overall' }], headline: 'Overall',
});

describe('protocol roles', () => {
  const official = proto('official', ['primary', 'judge']);
  const twin = proto('vlmevalkit', ['twin:vlmevalkit'], GENERIC_PIPELINES.vlmevalkit);
  const other = proto('flip', []);

  it('finds the primary protocol and a peer\'s twin by role, wherever they are declared', () => {
    expect(primaryProtocol([twin, other, official]).name).toBe('official');
    expect(twinOf([official, other, twin], 'vlmevalkit')?.name).toBe('vlmevalkit');
    expect(twinOf([official, twin], 'lmms-eval')).toBeUndefined();
    expect(() => primaryProtocol([twin, other])).toThrow(/no primary protocol among vlmevalkit, flip/);
  });

  it('adds a user pipeline as <primary>:<pipeline>, judged like the primary but not primary itself', () => {
    const list = withUserPipeline([official, twin], GENERIC_PIPELINES.strict);
    expect(list.map((p) => [p.name, p.roles, p.extract.name])).toEqual([
      ['official', ['primary', 'judge'], 'robust'],
      ['vlmevalkit', ['twin:vlmevalkit'], 'vlmevalkit'],
      ['official:strict', ['judge'], 'strict'],
    ]);
    expect(withUserPipeline([official, twin], GENERIC_PIPELINES.robust)).toHaveLength(2);
    expect(withUserPipeline([official, twin], undefined)).toHaveLength(2);
  });

  it('names what is wrong with a malformed protocol list', () => {
    expect(protocolProblems([official, twin])).toEqual([]);
    expect(protocolProblems([twin])).toEqual(['expected exactly one primary protocol, found 0']);
    expect(protocolProblems([official, { ...official, roles: ['primary'] }])).toEqual([
      'protocol names repeat: official',
      'expected exactly one primary protocol, found 2',
    ]);
    expect(protocolProblems([official, { ...twin, roles: ['twin:vlmevalkit', 'judge'] }])).toEqual(['vlmevalkit: a peer\'s twin is never judged']);
    expect(protocolProblems([{ ...official, headline: 'Total' }])).toEqual(["official: headline metric 'Total' is not among its metrics"]);
  });

  it('holds for every registered benchmark: one primary, its pipelines registered', () => {
    for (const b of BENCHMARKS) {
      expect(protocolProblems(b.protocols), b.id).toEqual([]);
      expect(b.protocols.every((p) => PIPELINE_REGISTRY.get(p.extract.name) === p.extract), b.id).toBe(true);
    }
  });
});

/** String literals of protocol names in shared code would be a name test in disguise. */
describe('shared code reads roles, not protocol names', () => {
  it("has no 'official' literal in src/", async () => {
    const offenders: string[] = [];
    for (const entry of await readdir(join(REPO_ROOT, 'src'), { withFileTypes: true, recursive: true })) {
      if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
      const file = join(entry.parentPath, entry.name);
      const code = (await readFile(file, 'utf8')).split('\n').filter((l) => !/^\s*(\/\/|\*|\/\*\*)/.test(l));
      code.forEach((line, i) => {
        if (/['"`]official['"`:]/.test(line)) offenders.push(`${file}:${i + 1}: ${line.trim()}`);
      });
    }
    expect(offenders).toEqual([]);
  });
});
