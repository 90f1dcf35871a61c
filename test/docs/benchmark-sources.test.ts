/**
 * Issue 16 item 4: every dataset name `actial-eval list` knows can be obtained — downloaded by the
 * harness (a VLMEvalKit TSV URL or named HuggingFace files), or its file forms say where the files
 * come from (a repository id or a URL) — and every benchmark module has its line in the README's
 * benchmark table and in docs/benchmarks.md.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BENCHMARKS } from '../../benchmarks/index.js';
import { REPO_ROOT } from '../e2e/helpers.js';

/** `owner/name` of a HuggingFace or GitHub repository, or a URL. */
const NAMES_A_SOURCE = /\b[A-Za-z0-9][\w.-]*\/[A-Za-z0-9][\w.-]*\b|https?:\/\//;

const named = BENCHMARKS.filter((b) => b.datasetNames.length > 0);

/** The table rows of a markdown file (lines starting with `|`). */
const tableRows = (file: string): string => readFileSync(join(REPO_ROOT, file), 'utf8').split('\n').filter((l) => l.startsWith('|')).join('\n');

describe('where every dataset name comes from', () => {
  it('each name is downloaded by the harness or its file forms name a repository or URL', () => {
    const silent = named.flatMap((b) =>
      b.datasetNames.filter((name) => b.tsvUrl?.(name) === undefined && b.hf?.downloads?.[name] === undefined && !b.fileForms.some((f) => NAMES_A_SOURCE.test(f))).map((name) => `${b.id}: ${name}`),
    );
    expect(silent).toEqual([]);
  });

  it('each benchmark module has a line in the README table and in docs/benchmarks.md (its first name, in backticks)', () => {
    const readme = tableRows('README.md');
    const docs = tableRows('docs/benchmarks.md');
    const missing = named.flatMap((b) => {
      const first = `\`${b.datasetNames[0] ?? ''}\``;
      return [...(readme.includes(first) ? [] : [`README: ${b.id} ${first}`]), ...(docs.includes(first) ? [] : [`docs/benchmarks.md: ${b.id} ${first}`])];
    });
    expect(missing).toEqual([]);
  });
});
