/**
 * The README stays a two-minute read, and the manual it points to holds together: every relative
 * link in README.md and docs/*.md names a file that exists, and every #anchor a heading in it.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../e2e/helpers.js';

const README_LIMIT = 12_000;
const DOCS = join(REPO_ROOT, 'docs');
/**
 * Pages other branches of issue 12 write (the output format: the workdir branch), linked already. Their links are let through while the page is missing; once a
 * page is merged the last test fails until its name is taken off this list.
 */
const WRITTEN_ELSEWHERE: readonly string[] = [];

function markdownFiles(): string[] {
  return [join(REPO_ROOT, 'README.md'), ...readdirSync(DOCS).filter((f) => f.endsWith('.md')).sort().map((f) => join(DOCS, f))];
}

/** The text outside fenced code blocks, where `[x](y)` is a link and not code. */
function prose(text: string): string {
  return text.replace(/^```[\s\S]*?^```/gm, '');
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
function slug(heading: string): string {
  return heading.trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-');
}

function anchors(file: string): Set<string> {
  const headings = prose(readFileSync(file, 'utf8')).match(/^#{1,6} .*$/gm) ?? [];
  return new Set(headings.map((h) => slug(h.replace(/^#+ /, ''))));
}

interface Link {
  readonly from: string;
  readonly target: string;
}

function relativeLinks(file: string): Link[] {
  const links: Link[] = [];
  for (const m of prose(readFileSync(file, 'utf8')).matchAll(/\]\(([^)\s]+)\)/g)) {
    const target = m[1] ?? '';
    if (!/^[a-z][a-z+.-]*:/i.test(target)) links.push({ from: file, target });
  }
  return links;
}

/** Why a link does not resolve, or undefined when it does. */
function brokenBecause(link: Link): string | undefined {
  const [path = '', anchor] = link.target.split('#');
  const file = path === '' ? link.from : resolve(dirname(link.from), path);
  if (!existsSync(file)) return WRITTEN_ELSEWHERE.includes(relative(REPO_ROOT, file)) ? undefined : `${relative(REPO_ROOT, file)} does not exist`;
  if (anchor !== undefined && file.endsWith('.md') && !anchors(file).has(anchor)) return `${relative(REPO_ROOT, file)} has no heading #${anchor}`;
  return undefined;
}

describe('README and docs/', () => {
  it(`README.md is at most ${README_LIMIT} characters (the manual lives in docs/)`, () => {
    const length = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8').length;
    expect(length).toBeLessThanOrEqual(README_LIMIT);
  });

  it('every relative link in README.md and docs/*.md resolves to a file (and heading)', () => {
    const links = markdownFiles().flatMap(relativeLinks);
    expect(links.filter((l) => l.target.includes('docs/')).length).toBeGreaterThan(10);
    const broken = links.flatMap((l) => {
      const why = brokenBecause(l);
      return why === undefined ? [] : [`${relative(REPO_ROOT, l.from)}: (${l.target}): ${why}`];
    });
    expect(broken).toEqual([]);
  });

  it('README links every page of docs/', () => {
    const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
    const pages = readdirSync(DOCS).filter((f) => f.endsWith('.md'));
    expect(pages.filter((p) => !readme.includes(`](docs/${p})`))).toEqual([]);
  });

  it('lets through links only to pages still being written elsewhere', () => {
    expect(WRITTEN_ELSEWHERE.filter((page) => existsSync(join(REPO_ROOT, page)))).toEqual([]);
  });
});
