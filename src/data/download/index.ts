import { fetchHf } from './fetch-hf.js';
import { fetchTsv } from './fetch-tsv.js';
import { newAgent } from './http.js';
import type { DownloadOptions } from './options.js';
import type { DownloadPlan } from './plan.js';
import { Session } from './session.js';

export { offlineReason, type DownloadOptions, type DownloadSink } from './options.js';
export { planDownload, type DownloadPlan } from './plan.js';

type Env = Readonly<Record<string, string | undefined>>;

/** Fetches what `plan` names; on success the locator finds the files where it already looks. */
export async function downloadDataset(plan: DownloadPlan, env: Env, options: DownloadOptions): Promise<void> {
  const agent = newAgent();
  const session = new Session(env, options.sink, agent);
  try {
    if (plan.kind === 'tsv') await fetchTsv(plan, session);
    else await fetchHf(plan, session);
  } finally {
    await agent.close();
  }
}
