/**
 * The gold answers of a config's datasets as the mock's answer key: written to a file by
 * `actial-eval answer-key`, handed in memory to the mock servers of `"api_base": "mock"` models.
 * The CLI reads them from the datasets itself, so the run loop never feeds the mock.
 */
import type { ResolvedDataset } from '../config/data.js';
import type { GenerationSettings, Sample } from '../core/types.js';
import { streamSamples } from '../data/samples.js';
import { buildRequest } from '../request/build.js';
import { unitKey } from '../score/grouping.js';
import { shardGrouping } from '../shard/assign.js';
import { questionKey, type AnswerKeyEntry, type AnswerLookup } from '../mock/answer-key.js';
import { promptChoice, type PromptPolicy } from '../prompt/index.js';

/** The key only looks at the user message's text, which settings do not change. */
const ANY_SETTINGS: GenerationSettings = { model: '', temperature: 0, max_tokens: 1, extra: {} };

/**
 * Every row of the dataset as (question key, entry). Rows any protocol scores as one unit (the
 * rotations of a circular question, a 3DSRBench question with its rotations and mirror: the units
 * shards keep together) get one `group`, named by the dataset so groups of two datasets never meet.
 */
export async function* goldAnswers(dataset: ResolvedDataset, policies: readonly PromptPolicy[] = ['dataset']): AsyncGenerator<readonly [string, AnswerKeyEntry]> {
  const grouping = shardGrouping(dataset.benchmark, dataset.circular);
  // A row is keyed by each prompt the config's models ask it with (the dataset's, a model's own).
  const choices = new Map(policies.map((p) => promptChoice(p, dataset.datasetName, dataset.format === 'tsv')).map((c) => [c.id, c]));
  for await (const { sample } of streamSamples(dataset.benchmark, dataset)) {
    const group = grouping.kind === 'row' ? undefined : `${dataset.name}:${unitKey(grouping, sample.index, sample.fields)}`;
    const entry = entryOf(sample, group);
    for (const choice of choices.values()) yield [questionKey(buildRequest(choice.apply(sample), ANY_SETTINGS).texts), entry];
  }
}

function entryOf(sample: Sample, group: string | undefined): AnswerKeyEntry {
  const letters = sample.choices.map((c) => c.letter);
  return {
    answer: sample.answer,
    letters,
    ...(letters.length > 0 ? { options: sample.choices.map((c) => c.text) } : {}),
    ...(group !== undefined ? { group } : {}),
  };
}

/** All datasets' gold answers in memory (a few dozen bytes a row), behind the mock's lookup. */
export async function answerKeyOf(datasets: readonly ResolvedDataset[], policies: readonly PromptPolicy[]): Promise<AnswerLookup> {
  const key = new Map<string, AnswerKeyEntry>();
  for (const dataset of datasets) {
    for await (const [itemKey, entry] of goldAnswers(dataset, policies)) key.set(itemKey, entry);
  }
  return (itemKey) => key.get(itemKey);
}
