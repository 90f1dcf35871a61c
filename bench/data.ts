/** Inputs of the bench: configs, synthetic TSVs and a synthetic prediction store. */
import { createWriteStream } from 'node:fs';
import { mkdir, open, writeFile } from 'node:fs/promises';
import { once } from 'node:events';
import { dirname } from 'node:path';
import { finished } from 'node:stream/promises';
import { writeSyntheticTsv } from './synthetic.js';

export { writeSyntheticTsv };

export const MODEL = 'BenchModel';
export const SERVED_MODEL_ID = 'mock-model';

/** A config with one external OpenAI-compatible model and the given datasets (name → absolute TSV path). */
/** `apiBase`: one URL, or several (an endpoint pool). */
/** `modelExtra`: more keys of the model entry (e.g. `"image_transport": "file"`). */
export async function writeConfig(
  file: string,
  apiBase: string | readonly string[],
  datasets: Readonly<Record<string, string>>,
  modelExtra: Readonly<Record<string, unknown>> = {},
): Promise<void> {
  const config = {
    model: {
      [MODEL]: { class: 'OpenAIWrapper', model: SERVED_MODEL_ID, api_base: apiBase, img_size: -1, retry: 1, ...modelExtra },
    },
    data: Object.fromEntries(Object.entries(datasets).map(([name, path]) => [name, { class: 'ImageMCQDataset', dataset: name, path }])),
  };
  await writeFile(file, `${JSON.stringify(config, null, 2)}\n`);
}

/** fsync: a just-written file's dirty pages would otherwise be written back during a measured run. */
export async function flushToDisk(file: string): Promise<void> {
  const fh = await open(file, 'r+');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

const COLOURS = ['red', 'green', 'blue', 'yellow'] as const;
const THOUGHT = 'Looking at the relative positions of the objects from the camera viewpoint, the nearest one is';

/** Answer texts in the styles real checkpoints produce (and a few the extractors must give up on). */
function predictionText(i: number, letter: string, option: string): string {
  switch (i % 10) {
    case 0:
      return letter;
    case 1:
      return `(${letter})`;
    case 2:
      return `The answer is ${letter}.`;
    case 3:
      return `${letter}. ${option}`;
    case 4:
      return `<think>${THOUGHT} ${option}, so option ${letter}.</think><answer>${letter}</answer>`;
    case 5:
      return `Answer: ${letter}`;
    case 6:
      return `${THOUGHT} ${option}. Therefore the correct choice is ${letter}.`;
    case 7:
      return option;
    case 8:
      return `**${letter}**`;
    default:
      return 'I cannot tell from this picture which object is closest.';
  }
}

/**
 * A prediction store of `lines` records shaped like the harness writes them (circular layout:
 * rows orig + 1e6·k), ~2% failed requests, ~70% right answers, and a last-record-wins duplicate
 * for every 50th row (a retried item), as a resumed run leaves behind.
 */
export async function writePredictionStore(file: string, lines: number): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const out = createWriteStream(file);
  const time = new Date('2025-01-01T00:00:00Z').getTime();
  let written = 0;
  for (let i = 0; written < lines; i++) {
    const rotation = i % 4;
    const orig = Math.floor(i / 4);
    const index = String(orig + 1_000_000 * rotation);
    const n = orig % 7 === 6 ? 3 : 4;
    const texts = COLOURS.slice(0, n).map((c) => `a ${c} object`);
    const choices = texts.map((_, j) => ({ letter: 'ABCD'[j] ?? 'A', text: texts[(j + rotation) % n] ?? '' }));
    const answer = 'ABCD'[(n - rotation + orig) % n] ?? 'A';
    const category = ['depth', 'relation', 'count'][orig % 3] ?? 'depth';
    const fields = { split: orig % 2 === 0 ? 'dev' : 'test', category, 'l2-category': `spatial/${category}` };
    const right = (i * 7919) % 10 < 7;
    const letter = right ? answer : (choices.find((c) => c.letter !== answer)?.letter ?? 'A');
    const option = choices.find((c) => c.letter === letter)?.text ?? '';
    const common = {
      index,
      prompt_hash: hex(i, 32),
      settings_hash: hex(7, 16),
      attempts: 1,
      latency_ms: 180 + (i % 50),
      time: new Date(time + i * 10).toISOString(),
      answer,
      choices,
      fields,
    };
    const failedRecord = i % 50 === 17;
    const records: object[] = [];
    if (failedRecord) {
      records.push({
        ...common,
        status: 'failed',
        prediction: '',
        error: '503 Service Unavailable: the server is overloaded',
        error_kind: 'transient',
        http_status: 503,
        finish_reason: null,
        usage: null,
      });
    }
    if (!failedRecord || i % 100 === 17) {
      // Every other failed row was retried later and succeeded: its later record wins.
      records.push({
        ...common,
        status: 'ok',
        prediction: predictionText(i, letter, option),
        finish_reason: 'stop',
        usage: { prompt_tokens: 1350 + (i % 97), completion_tokens: 3 + (i % 40), total_tokens: 1353 + (i % 97) + (i % 40) },
        endpoint_model: 'mock-model',
      });
    }
    for (const rec of records) {
      if (written >= lines) break;
      if (!out.write(`${JSON.stringify(rec)}\n`)) await once(out, 'drain');
      written++;
    }
  }
  out.end();
  await finished(out);
}

function hex(seed: number, length: number): string {
  let s = '';
  let x = (seed + 1) * 2654435761;
  while (s.length < length) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    s += x.toString(16).padStart(8, '0');
  }
  return s.slice(0, length);
}
