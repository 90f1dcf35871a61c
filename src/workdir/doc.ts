/**
 * docs/output-format.md, generated from the work-dir schemas (`npm run docs:output-format`), so
 * the manual cannot drift from what the readers accept: a test compares the committed file with
 * this output.
 */
import { z } from 'zod';
import { DOCUMENTED_FILES, type DocumentedFile } from './catalogue.js';

type JsonSchema = z.core.JSONSchema.JSONSchema;

interface FieldRow {
  readonly field: string;
  readonly type: string;
  readonly optional?: boolean;
  readonly meaning: string;
}

const INTRO = `# Output format

<!-- Generated from the zod schemas in src/workdir/ by \`npm run docs:output-format\`; do not edit by hand. -->

Everything a run writes goes into the work dir (\`--work-dir\`, default \`results/\`). Per model \`M\` and
dataset \`D\` (the names of their config entries) the files sit in \`M/\` and start with \`M_D\`. Every
command that reads a work dir (a resumed run, \`score\`, \`merge\`, \`compare\`, \`leaderboard\`, \`paper\`,
\`report\`) reads these files through the same schemas: a file that does not match (hand-edited, cut
short, written by another version) stops it with one line naming the file, the line for JSONL, and
the field, exit 2.

Versions: a JSON file names its version in \`schema\` (\`actial-eval/<kind>@N\`); a JSONL file's lines
carry none, its version is in the run header's \`formats\`. A file without a version was written before
versions existed and is read as version 1.
`;

export function outputFormatDoc(): string {
  const sections = DOCUMENTED_FILES.map(section);
  const index = DOCUMENTED_FILES.map((f) => `- [\`${f.path}\`](#${anchor(f)}): ${f.title}`).join('\n');
  return `${INTRO}\n${index}\n\n${sections.join('\n')}`;
}

function section(f: DocumentedFile): string {
  const version = f.version === undefined ? '' : `\nVersion: \`${f.version}\`${f.kind === 'jsonl' ? ' (in the run header\'s `formats`)' : ''}.\n`;
  const shape = f.kind === 'jsonl' ? 'One JSON object per line:' : f.kind === 'json' ? 'One JSON object:' : f.kind === 'csv' ? 'Columns:' : 'Content:';
  const rows = f.columns !== undefined
    ? f.columns.map(([field, meaning]) => ({ field, type: 'text', meaning }))
    : f.schema === undefined ? [] : fieldRows(z.toJSONSchema(f.schema, { unrepresentable: 'any' }));
  return `## \`${f.path}\`: ${f.title}\n\n${f.about}\n${version}\n${shape}\n\n${table(rows, f.columns !== undefined)}\n`;
}

function anchor(f: DocumentedFile): string {
  return `${f.path}-${f.title}`.toLowerCase().replace(/[^a-z0-9 _-]/g, '').replace(/ /g, '-');
}

function table(rows: readonly FieldRow[], csv: boolean): string {
  const head = csv ? '| column | meaning |\n| --- | --- |' : '| field | type | meaning |\n| --- | --- | --- |';
  const body = rows.map((r) => (csv ? `| ${r.field} | ${cell(r.meaning)} |` : `| ${r.field === '' ? '(the whole file)' : `\`${r.field}\``} | \`${cell(r.type)}\`${r.optional === true ? ', optional' : ''} | ${cell(r.meaning)} |`));
  return [head, ...body].join('\n');
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** A row per field, nested fields after their parent as `parent.child`, map keys as `<key>`. */
function fieldRows(schema: JsonSchema, prefix = '', required = true): FieldRow[] {
  const own = withoutNull(schema);
  const rows: FieldRow[] = [];
  if (mapValues(own) !== undefined) return rows;
  if (prefix === '' && own.properties === undefined) rows.push({ field: '', type: baseType(schema), optional: !required, meaning: schema.description ?? '' });
  for (const [name, child] of Object.entries(own.properties ?? {})) {
    if (typeof child === 'boolean') continue;
    const path = prefix === '' ? name : `${prefix}.${name}`;
    const isRequired = own.required?.includes(name) === true;
    rows.push({ field: path, type: baseType(child), optional: !isRequired, meaning: child.description ?? '' });
    rows.push(...childRows(child, path));
  }
  return rows;
}

/** Rows for what a field holds: an object's fields, a map's values, a list's objects. */
function childRows(schema: JsonSchema, path: string): FieldRow[] {
  const own = withoutNull(schema);
  if (own.properties !== undefined && mapValues(own) === undefined) return fieldRows(own, path);
  const values = mapValues(own);
  if (values !== undefined) {
    // The map's own row already names its value type: only objects inside get rows of their own.
    const keyPath = `${path}.<${keyName(own)}>`;
    const inner = withoutNull(values);
    if (inner.properties !== undefined && mapValues(inner) === undefined) return fieldRows(inner, keyPath);
    return mapValues(inner) !== undefined ? childRows(values, keyPath) : [];
  }
  const items = own.items;
  if (items !== undefined && typeof items !== 'boolean' && !Array.isArray(items) && withoutNull(items).properties !== undefined) return fieldRows(items, `${path}[]`);
  return [];
}

/** What a map (a record, or an object with no named fields and typed extra ones) holds. */
function mapValues(schema: JsonSchema): JsonSchema | undefined {
  const values = schema.additionalProperties;
  const named = schema.properties !== undefined && Object.keys(schema.properties).length > 0;
  return !named && values !== undefined && typeof values !== 'boolean' ? values : undefined;
}

function keyName(schema: JsonSchema): string {
  const key = schema['key'];
  return typeof key === 'string' ? key : 'key';
}

/** The schema without a `null` alternative (what a nullable field holds when it holds something). */
function withoutNull(schema: JsonSchema): JsonSchema {
  const options = schema.anyOf?.filter((s) => s.type !== 'null');
  return options !== undefined && options.length === 1 && options[0] !== undefined ? options[0] : schema;
}

function baseType(schema: JsonSchema): string {
  if (schema.anyOf !== undefined) return schema.anyOf.map(baseType).join(' | ');
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  if (schema.enum !== undefined) return schema.enum.map((v) => JSON.stringify(v)).join(' | ');
  const types = schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type];
  if (types.length === 0) return 'any';
  return types.map((t) => single(t, schema)).join(' | ');
}

function single(type: string, schema: JsonSchema): string {
  if (type === 'array') {
    const items = schema.items;
    return `${items === undefined || typeof items === 'boolean' || Array.isArray(items) ? 'any' : baseType(items)}[]`;
  }
  if (type === 'object') {
    const values = mapValues(schema);
    return values === undefined ? 'object' : `map: ${keyName(schema)} → ${baseType(values)}`;
  }
  if (type === 'string' && schema.pattern !== undefined) return `text matching ${schema.pattern}`;
  return type;
}
