/** Small OmniSpatial files in their real schemas, written by the tests. */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TINY_PNG } from '../../bench/synthetic.js';

export interface OmniItem {
  readonly id: string;
  readonly question: string;
  readonly options: readonly string[];
  /** 0-based, as data.json has it. */
  readonly answer: number;
  readonly task_type: string;
  readonly sub_task_type: string;
}

const PAIRS: readonly (readonly [string, string])[] = [
  ['Dynamic_Reasoning', 'Manipulation'], ['Dynamic_Reasoning', 'Motion_Analysis'],
  ['Spatial_Interaction', 'Traffic_Analysis'], ['Spatial_Interaction', 'Localization'], ['Spatial_Interaction', 'Geospatial_Strategy'],
  ['Complex_Logic', 'Pattern_Recognition'], ['Complex_Logic', 'Geometric_Reasoning'],
  ['Perspective_Taking', 'Egocentric'], ['Perspective_Taking', 'Allocentric'], ['Perspective_Taking', 'Hypothetical'],
];

/** Twelve items over the ten sub-tasks; ids "k_j" share image k.png of their task, as the real ids do. */
export const OMNI_ITEMS: readonly OmniItem[] = Array.from({ length: 12 }, (_, i) => {
  const [task, sub] = PAIRS[i % PAIRS.length] as readonly [string, string];
  const options = i % 5 === 4 ? ['yes', 'no'] : ['left', 'right', 'ahead', 'behind'];
  return { id: `${Math.floor(i / 2)}_${i % 2}`, question: `Where does object ${i} go next?`, options, answer: (i * 3) % options.length, task_type: task, sub_task_type: sub };
});

/** data.json and one PNG per distinct `{task_type}/{id prefix}.png`. */
export async function writeOmniDataset(dir: string, items: readonly OmniItem[] = OMNI_ITEMS): Promise<string> {
  for (const it of items) {
    await mkdir(join(dir, it.task_type), { recursive: true });
    await writeFile(join(dir, it.task_type, `${it.id.split('_')[0] as string}.png`), TINY_PNG);
  }
  const file = join(dir, 'data.json');
  await writeFile(file, JSON.stringify(items, null, 2));
  return file;
}
