import { createHash } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { withDownloadLock } from './lock.js';
import { type HfPlan, hfFileUrl } from './plan.js';
import { DownloadProgress } from './progress.js';
import type { Session } from './session.js';
import { transfer } from './transfer.js';

/**
 * A dataset's HuggingFace files into the hub cache layout huggingface_hub uses and our locator
 * searches: `datasets--<owner>--<name>/snapshots/<commit>/<path>`, `refs/<revision>` = commit.
 * (Files sit in the snapshot itself, not as symlinks into `blobs/`; huggingface_hub reads both.)
 *
 * All files are downloaded (as parts in `blobs/`) before any is moved into the snapshot: a
 * snapshot holding only some of BLINK's subtasks would be found and silently scored as the whole.
 */
export async function fetchHf(plan: HfPlan, session: Session): Promise<void> {
  const [owner, name] = plan.repo.split('/') as [string, string];
  const repoDir = join(plan.cache, `datasets--${owner}--${name}`);
  await mkdir(join(repoDir, 'blobs'), { recursive: true });
  await withDownloadLock(join(repoDir, 'actial-download.lock'), `HuggingFace dataset ${plan.repo}`, async () => {
    // The first file pins the commit `main` points at; the others are fetched at that commit, so a
    // push during the download cannot mix two versions.
    let commit: string | undefined;
    const parts: { readonly path: string; readonly part: string }[] = [];
    for (const path of plan.files) {
      const part = join(repoDir, 'blobs', `${createHash('sha256').update(`${plan.repo}/${path}`).digest('hex').slice(0, 40)}.actial-incomplete`);
      const progress = new DownloadProgress(`${plan.repo}/${path}`, session.sink);
      const result = await transfer({
        url: hfFileUrl(session.env, plan.repo, commit ?? plan.revision, path),
        part,
        dest: join(repoDir, 'snapshots', commit ?? plan.revision, path),
        md5: undefined,
        credential: session.credentialFor(hfFileUrl(session.env, plan.repo, plan.revision, path)),
        progress,
        agent: session.agent,
      });
      commit ??= safeCommit(result.first.commit);
      parts.push({ path, part });
      progress.note(`done (${result.verified})`);
    }
    const snapshot = join(repoDir, 'snapshots', commit ?? plan.revision);
    for (const { path, part } of parts) {
      await mkdir(dirname(join(snapshot, path)), { recursive: true });
      await rename(part, join(snapshot, path));
    }
    if (commit !== undefined && commit !== plan.revision) {
      await mkdir(dirname(join(repoDir, 'refs', plan.revision)), { recursive: true });
      await writeFile(join(repoDir, 'refs', plan.revision), commit);
    }
  });
}

/** The header names a folder, so only a real commit id is used (a hostile `../x` must not be). */
function safeCommit(commit: string | undefined): string | undefined {
  return commit !== undefined && /^[0-9a-f]{40}$/.test(commit) ? commit : undefined;
}
