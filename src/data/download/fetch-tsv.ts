import { existsSync } from 'node:fs';
import { mkdir, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import { withDownloadLock } from './lock.js';
import type { TsvPlan } from './plan.js';
import { DownloadProgress } from './progress.js';
import type { Session } from './session.js';
import { transfer } from './transfer.js';

/** A VLMEvalKit TSV into `$LMUData/<dataset>.tsv`, via `<dest>.part` (kept between runs for resuming). */
export async function fetchTsv(plan: TsvPlan, session: Session): Promise<void> {
  await mkdir(dirname(plan.dest), { recursive: true });
  await withDownloadLock(`${plan.dest}.lock`, plan.dest, async () => {
    // Another run may have finished it while this one waited to start.
    if (existsSync(plan.dest)) return;
    const part = `${plan.dest}.part`;
    const progress = new DownloadProgress(plan.dest, session.sink);
    const result = await transfer({
      url: plan.url,
      part,
      dest: plan.dest,
      md5: plan.md5,
      credential: session.credentialFor(plan.url),
      progress,
      agent: session.agent,
    });
    await rename(part, plan.dest);
    progress.note(`done (${result.verified})`);
  });
}
