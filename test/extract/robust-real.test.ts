/**
 * The `robust` pipeline on real replies: 33 BLINK val answers of published models with BLINK's
 * official labels (fixture source in its "source" field). Every answer robust decides must be the
 * official one; the rest (self-contradicting, declining, cut-off replies) must stay undecided.
 * The full measurement over all 38,299 published answers: `npm run robust:agreement`, docs/robust.md.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { extractAnswer } from '../../src/extract/pipelines.js';

const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'robust', 'blink-val-saved-outputs.json');

const fixtureSchema = z.object({
  source: z.string(),
  items: z.array(
    z.object({
      file: z.string(),
      idx: z.string(),
      options: z.array(z.string()),
      reply: z.string(),
      official: z.string().regex(/^\([A-Z]\)$/),
      robust: z.string().nullable(),
    }),
  ),
});

const fixture = fixtureSchema.parse(JSON.parse(await readFile(FIXTURE, 'utf8')));
const choicesOf = (options: readonly string[]) => options.map((text, i) => ({ letter: String.fromCharCode(65 + i), text }));
/** "(B)" → "B", BLINK's label form. */
const officialLetter = (label: string): string => label.slice(1, 2);

describe('robust on published BLINK replies', () => {
  it('holds replies of several models, decided and undecided', () => {
    expect(fixture.source).toContain('2d6a779be4aa1ad0d38d7aa539bcb43b6dd81592');
    expect(new Set(fixture.items.map((i) => i.file.split('/')[2])).size).toBeGreaterThanOrEqual(5);
    expect(fixture.items.filter((i) => i.robust === null).length).toBeGreaterThanOrEqual(10);
  });

  it.each(fixture.items.map((i) => [`${i.file.split('/')[2] ?? ''} ${i.idx}`, i] as const))('%s', (_name, item) => {
    const { answer } = extractAnswer('robust', item.reply, choicesOf(item.options));
    expect(answer).toBe(item.robust);
    // A decided answer is the official label; nothing is decided against it.
    if (answer !== null) expect(answer).toBe(officialLetter(item.official));
  });
});
