/** `actial-eval answer-key`: writes the gold answers of a config's datasets for `mock-server --answer-key`. */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { Command } from 'commander';
import { InputError } from '../core/errors.js';
import type { ResolvedDataset } from '../config/data.js';
import type { GenerationSettings } from '../core/types.js';
import { stdout } from './output.js';

/** The key only looks at the user message's text, which settings do not change. */
const ANY_SETTINGS: GenerationSettings = { model: '', temperature: 0, max_tokens: 1, extra: {} };

export function answerKeyCommand(): Command {
  return new Command('answer-key')
    .description('write the gold answers of the config\'s datasets as JSONL, for `mock-server --answer-key FILE --accuracy P`')
    .requiredOption('--config <file>', 'VLMEvalKit-shaped JSON config')
    .requiredOption('--out <file>', 'JSONL file to write')
    .option('--data <names...>', 'only these datasets')
    .action(async (flags: { config: string; out: string; data?: string[] }) => {
      const { loadConfig } = await import('../config/load.js');
      const config = await loadConfig(flags.config, { env: process.env, ...(flags.data !== undefined ? { onlyData: flags.data } : {}) });
      const out = createWriteStream(flags.out);
      let n = 0;
      for (const dataset of config.datasets) n += await writeKeys(dataset, out);
      out.end();
      await once(out, 'finish');
      stdout(`wrote ${n} answers to ${flags.out}\n`);
    });
}

async function writeKeys(dataset: ResolvedDataset, out: NodeJS.WritableStream): Promise<number> {
  const [{ streamSamples }, { buildRequest }, { questionKey }] = await Promise.all([
    import('../data/samples.js'), import('../request/build.js'), import('../endpoint/mock/answer-key.js'),
  ]);
  let n = 0;
  for await (const { sample } of streamSamples(dataset.benchmark, dataset)) {
    const key = questionKey(buildRequest(sample, ANY_SETTINGS).texts);
    const line = JSON.stringify({ key, answer: sample.answer, letters: sample.choices.map((c) => c.letter) });
    if (!out.write(`${line}\n`)) await once(out, 'drain');
    n++;
  }
  if (n === 0) throw new InputError(`dataset '${dataset.name}': no rows in ${dataset.files.join(', ')}`);
  return n;
}
