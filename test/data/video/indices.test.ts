/**
 * Frame indices against the peers' own code: test/fixtures/video/peer-indices.json was written by
 * /work/xcheck/video15/indices_xcheck.py, which runs VLMEvalKit's `save_video_frames` index lines
 * (uniform_tail and fps mode, open-compass/VLMEvalKit@e8e78f05 vlmeval/dataset/vsibench.py) and
 * lmms-eval's `sample_vsibench_video_frames` (`min(n, N)` then `np.linspace(0, N − 1, n, dtype=int)`,
 * EvolvingLMMs-Lab/lmms-eval@75571cfe) with numpy 2.4.6, outside this repo, on these cases.
 * test/fixtures/video/site-fps-indices.json was written likewise by /work/xcheck/site1fps/xcheck.py
 * from SiteBenchVideo.save_video_frames' fps branch (vlmeval/dataset/sitebench.py, same commit).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { frameIndices, numpyLinspaceInt } from '../../../src/data/video/indices.js';
import { numpyLinspace } from '../../../src/score/mra.js';
import { VSI_MRA } from '../../../benchmarks/vsibench.js';

const ints = z.array(z.number().int());
const peer = z
  .object({
    uniform_tail: z.array(z.tuple([z.number(), z.number(), ints])),
    linspace: z.array(z.tuple([z.number(), z.number(), ints])),
    fps: z.array(z.tuple([z.number(), z.number(), z.number(), z.number(), ints.nullable()])),
  })
  .parse(JSON.parse(readFileSync(new URL('../../fixtures/video/peer-indices.json', import.meta.url), 'utf8')));

const siteFps = z
  .array(z.tuple([z.number(), z.number(), z.number(), z.number(), ints]))
  .parse(JSON.parse(readFileSync(new URL('../../fixtures/video/site-fps-indices.json', import.meta.url), 'utf8')));

describe('frame indices equal the peers\' formulas', () => {
  it.each(peer.uniform_tail)('VLMEvalKit uniform_tail: %i frames, nframe %i', (frames, nframe, expected) => {
    expect(frameIndices({ kind: 'uniform_tail', nframe }, { frames, fps: 30 })).toEqual(expected);
  });

  it.each(peer.linspace)('lmms-eval linspace: %i frames, %i asked', (frames, nframe, expected) => {
    expect(frameIndices({ kind: 'linspace', nframe }, { frames, fps: 30 })).toEqual(expected);
  });

  it.each(peer.fps)('VLMEvalKit fps mode: %i frames at %i/%i fps, sampled at %d fps', (frames, num, den, fps, expected) => {
    const shape = { frames, fps: num / den };
    if (expected === null) expect(() => frameIndices({ kind: 'fps', fps }, shape)).toThrow(/shorter than one frame/);
    else expect(frameIndices({ kind: 'fps', fps }, shape)).toEqual(expected);
  });

  it.each(siteFps)('VLMEvalKit SiteBenchVideo fps mode (no last frame): %i frames at %i/%i fps, sampled at %d fps', (frames, num, den, fps, expected) => {
    const shape = { frames, fps: num / den };
    // VLMEvalKit would ask such a question with no frame at all; it is refused here instead.
    if (expected.length === 0) expect(() => frameIndices({ kind: 'fps_no_tail', fps }, shape)).toThrow(/shorter than one frame/);
    else expect(frameIndices({ kind: 'fps_no_tail', fps }, shape)).toEqual(expected);
  });

  it('covers short and long videos, and counts above the frame count', () => {
    expect(new Set(peer.linspace.map(([frames]) => frames)).size).toBeGreaterThanOrEqual(10);
    expect(peer.linspace.some(([frames, n]) => n > frames)).toBe(true);
  });

  it('linspace of one point is the start; a zero step repeats it', () => {
    expect(numpyLinspaceInt(0, 9, 1)).toEqual([0]);
    expect(numpyLinspaceInt(0, 0, 4)).toEqual([0, 0, 0, 0]);
  });

  it("VSI-Bench's MRA thresholds are numpy's linspace(.5, .95, 10), not the decimal literals", () => {
    // From the same script: np.linspace(.5, .95, int((.95 - .5) / .05 + 2)).tolist().
    const numpy = [0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.8999999999999999, 0.95];
    expect(numpyLinspace(0.5, 0.95, 10)).toEqual(numpy);
    expect(VSI_MRA.thresholds).toEqual(numpy);
    expect(numpy).not.toContain(0.9);
  });
});
