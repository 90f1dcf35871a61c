import { z } from 'zod';
import { configSchema } from './schema.js';

/** Where the generated schema is committed; configs point their `"$schema"` at it. */
export const CONFIG_SCHEMA_FILE = 'schema/config.schema.json';

/**
 * The config's JSON Schema, generated from its zod schema so the two cannot drift apart. Draft-07:
 * the draft VS Code and JetBrains editors check most completely. The input side (what a user
 * writes), not the parsed output. Refinements (at least one model) are checked by the loader only.
 */
export function configJsonSchema(): Record<string, unknown> {
  const { $schema, ...generated } = z.toJSONSchema(configSchema, { target: 'draft-7', io: 'input' });
  return {
    $schema,
    title: 'actial-eval config',
    description: 'A VLMEvalKit-shaped config: {"model": {name: {"class": ...}}, "data": {name: {"class": ..., "dataset": ...}}}. See docs/config.md.',
    ...generated,
  };
}

/** The committed file's exact text: two-space JSON and a final newline. */
export function configJsonSchemaText(): string {
  return `${JSON.stringify(configJsonSchema(), null, 2)}\n`;
}
