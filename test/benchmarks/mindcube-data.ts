/**
 * MindCube files in their real schemas: lmms-eval's Parquet (oscarqjh/MindCube_lmmseval:
 * `id`, `question`, `images` as a list of HF Image structs, `gt_answer`, `input_prompt`) and
 * VLMEvalKit's MindCubeBench TSV (`index`, `id`, `question`, `input_prompt`, `answer`,
 * `category`, `image_path` as a Python list of relative paths).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { field, writeParquetGroups, type ParquetRowValues } from '../../bench/synthetic-parquet.js';
import { paddedJpeg } from '../../bench/synthetic.js';

/** src/prompt_generation/templates.py RAW_QA_BACKGROUND_INSTRUCTION, then "\n" and "[Question]\n". */
export const RAW_QA_HEAD = `[Task]
Your task is to analyze the spatial arrangement of objects in the scene by examining the provided images, which show the scene from different viewpoints.
[Answer Instruction]
You only need to provide *ONE* correct answer selecting from the options listed below. For example, if you think the correct answer is 'A. Above' from 'A. Above B. Under C. Front D. Behind', your response should **only** be '<answer>A. Above</answer>'.

[Question]
`;

const ID_PREFIXES = ['rotation_group00', 'among_group01', 'around_group02', 'aroundnew_test', 'translation_group03', 'other_set'] as const;
const OPTIONS = ['Chair and white board', 'Door', 'Two chairs', 'Blue bin'];

export interface MindcubeItem {
  readonly id: string;
  readonly question: string;
  readonly options: readonly string[];
  readonly gold: string;
  readonly images: readonly Buffer[];
  /** VLMEvalKit's category: the setting name. */
  readonly category: string;
}

export function mindcubeItems(count: number): MindcubeItem[] {
  return Array.from({ length: count }, (_, i) => {
    const prefix = ID_PREFIXES[i % ID_PREFIXES.length] as string;
    const nOptions = 2 + (i % 3);
    const options = OPTIONS.slice(0, nOptions);
    const nImages = 1 + (i % 4);
    const marks = '<image>'.repeat(nImages);
    const letters = options.map((o, k) => `${'ABCD'[k]}. ${o}`).join(' ');
    return {
      id: `${prefix}_q${i}_${i % 5}`,
      question: `${marks}These ${nImages} images show the same scene from different viewpoints. Based on these images: what is to your right? ${letters}`,
      options,
      gold: 'ABCD'[(i * 7) % nOptions] as string,
      images: Array.from({ length: nImages }, (_, k) => paddedJpeg(400 + 10 * k, `mindcube ${i}.${k}`)),
      category: prefix.startsWith('aroundnew') ? 'around' : (prefix.split('_')[0] as string),
    };
  });
}

export const inputPrompt = (it: MindcubeItem): string => `${RAW_QA_HEAD}${it.question}`;

const PARQUET_FIELDS = [
  field.string('id'),
  field.string('question'),
  field.list('images', field.image),
  field.string('gt_answer'),
  field.string('input_prompt'),
];

export function parquetRow(it: MindcubeItem): ParquetRowValues {
  return {
    id: it.id,
    question: it.question,
    images: it.images.map((bytes, k) => ({ bytes, path: `${it.id}_${k}.jpg` })),
    gt_answer: it.gold,
    input_prompt: inputPrompt(it),
  };
}

/** `<dir>/tiny/combined-00000-of-00001.parquet`, the HF layout; returns the folder. */
export async function writeMindcubeParquet(dir: string, items: readonly MindcubeItem[], edit: (row: ParquetRowValues, i: number) => ParquetRowValues = (r) => r): Promise<string> {
  await mkdir(join(dir, 'tiny'), { recursive: true });
  await writeParquetGroups(join(dir, 'tiny', 'combined-00000-of-00001.parquet'), { fields: PARQUET_FIELDS }, [items.map((it, i) => edit(parquetRow(it), i))]);
  return dir;
}

export const TSV_COLUMNS = ['index', 'id', 'question', 'input_prompt', 'answer', 'category', 'image_path'] as const;

/** The TSV (one line per row: the prompt's newlines are escaped by quoting) and its image files beside it. */
export async function writeMindcubeTsv(file: string, items: readonly MindcubeItem[], edit: (row: Record<string, string>, i: number) => Record<string, string> = (r) => r): Promise<void> {
  const dir = join(file, '..');
  await mkdir(join(dir, 'other_all_image'), { recursive: true });
  const rows: Record<string, string>[] = [];
  for (const [i, it] of items.entries()) {
    const paths = it.images.map((_, k) => `other_all_image/${it.id}_${k}.jpg`);
    for (const [k, p] of paths.entries()) await writeFile(join(dir, p), it.images[k] as Buffer);
    const row = { index: String(i), id: it.id, question: it.question, input_prompt: inputPrompt(it), answer: it.gold, category: it.category, image_path: `[${paths.map((p) => `'${p}'`).join(', ')}]` };
    rows.push(edit(row, i));
  }
  await writeQuotedTsv(file, TSV_COLUMNS, rows);
}

/** pandas' to_csv quoting: a field with a tab, newline or quote is quoted, inner quotes doubled. */
async function writeQuotedTsv(file: string, columns: readonly string[], rows: readonly Readonly<Record<string, string>>[]): Promise<void> {
  const quote = (f: string): string => (/[\t\n\r"]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f);
  const lines = [columns.join('\t'), ...rows.map((r) => columns.map((c) => quote(r[c] ?? '')).join('\t'))];
  await writeFile(file, `${lines.join('\n')}\n`);
}
