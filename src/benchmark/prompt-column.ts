import type { DataRow, PromptPart, Sample } from '../core/types.js';
import { DataError } from '../core/errors.js';
import { readChoices, requireAnswerLetter, requireCell, tsvHint, tsvPromptFields } from './mcq.js';

/**
 * A VLMEvalKit MCQ TSV row whose dataset sends its own prompt column instead of the generic MCQ
 * prompt (VLMEvalKit's CVBench.build_prompt does this): images first, then that column's text.
 * Options still come from the A, B, … columns, since extraction and VLMEvalKit's scoring use them.
 */
export async function promptColumnMcqSample(row: DataRow, promptColumn: string): Promise<Omit<Sample, 'fields'>> {
  const index = requireCell(row, 'index');
  const choices = readChoices(row);
  if (choices.length < 2) {
    throw new DataError(row.file, { row: row.rowNumber, column: 'A' }, `expected at least two option columns (A, B, ...) with text, found ${choices.length}`);
  }
  const answer = requireAnswerLetter(row, choices);
  const text = requireCell(row, promptColumn);
  const images = await row.images();
  const parts: PromptPart[] = images.map((image) => ({ kind: 'image', image }));
  parts.push({ kind: 'text', text });
  // A model-side builder (VLMEvalKit's Qwen2-VL mixin) reads `question`, `hint` and the option columns instead.
  const question = row.get('question');
  return { index, parts, choices, answer, ...(question === undefined ? {} : { tsvPrompt: tsvPromptFields(question, tsvHint(row), choices) }) };
}
