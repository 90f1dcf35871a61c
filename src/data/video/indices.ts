/**
 * Which frames of a video are sent, by the formulas of the harnesses users compare with. Each is
 * float arithmetic in IEEE doubles, the same operations in the same order as numpy and Python, so
 * the indices are equal, not merely close:
 *
 * - `linspace` — lmms-eval (lmms_eval/tasks/vsibench/utils.py `sample_vsibench_video_frames` and
 *   multi_image_input/utils.py): `n = min(n, N)`, then `np.linspace(0, N − 1, n, dtype=int)`.
 * - `uniform_tail` — VLMEvalKit's default (vlmeval/dataset/vsibench.py `save_video_frames`,
 *   open-compass/VLMEvalKit@e8e78f05): the same linspace, then the last frame appended when it is
 *   not already the last index (it always is for n ≥ 2, so this adds a frame only for n = 1).
 * - `fps` — VLMEvalKit's fps mode: `int(i · native_fps / fps)` for i < `int(N / native_fps · fps)`,
 *   then the last frame appended (its `uniform_tail` default).
 * - `fps_no_tail` — VLMEvalKit SiteBenchVideo's fps mode (vlmeval/dataset/sitebench.py
 *   `save_video_frames`): the same `int(i · native_fps / fps)` indices, nothing appended.
 */

import type { FrameSampling } from '../../core/types.js';

export type { FrameSampling };

/** What the formulas read of a video: decord's `len(vr)` and `get_avg_fps()`. */
export interface VideoShape {
  readonly frames: number;
  /** The stream's average frame rate (num / den of ffprobe's `avg_frame_rate`, as a double). */
  readonly fps: number;
}

/**
 * `np.linspace(start, stop, num, dtype=int)` as numpy 2 computes it: `arange(num) · step + start`
 * with `step = (stop − start) / (num − 1)` (or `/ div · delta` when the step is 0), the last value
 * set to `stop`, then floored (numpy ≥ 2.0 floors before the cast; older numpy truncates, which is
 * the same for the non-negative values used here).
 */
export function numpyLinspaceInt(start: number, stop: number, num: number): number[] {
  if (!Number.isInteger(num) || num < 0) throw new RangeError(`linspace: num must be a non-negative integer, got ${num}`);
  const div = num - 1;
  const delta = stop - start;
  const out: number[] = [];
  for (let i = 0; i < num; i++) {
    let y: number;
    if (div > 0) {
      const step = delta / div;
      y = step === 0 ? (i / div) * delta + start : i * step + start;
    } else {
      y = i * delta + start;
    }
    if (div > 0 && i === num - 1) y = stop;
    out.push(Math.floor(y));
  }
  return out;
}

/** The frame indices one sampling picks from a video, in the order they are sent. */
export function frameIndices(sampling: FrameSampling, video: VideoShape): number[] {
  const last = video.frames - 1;
  if (video.frames < 1) throw new RangeError('the video has no frames');
  switch (sampling.kind) {
    case 'linspace':
      // lmms-eval asks for no more frames than the video has.
      return numpyLinspaceInt(0, last, Math.min(sampling.nframe, video.frames));
    case 'uniform_tail': {
      const indices = numpyLinspaceInt(0, last, sampling.nframe);
      if (indices[indices.length - 1] !== last) indices.push(last);
      return indices;
    }
    case 'fps': {
      const indices = everyStep(sampling.fps, video);
      if (indices[indices.length - 1] !== last) indices.push(last);
      return indices;
    }
    case 'fps_no_tail':
      return everyStep(sampling.fps, video);
  }
}

/** `int(i · native_fps / fps)` for i < `int(N / native_fps · fps)`: VLMEvalKit's fps indices. */
function everyStep(fps: number, video: VideoShape): number[] {
  if (!(video.fps > 0)) throw new RangeError('the video has no frame rate');
  const duration = video.frames / video.fps;
  const required = Math.trunc(duration * fps);
  const step = video.fps / fps;
  const indices: number[] = [];
  for (let i = 0; i < required; i++) indices.push(Math.trunc(i * step));
  // VLMEvalKit's `fps` reads indices[-1] here and fails; SiteBenchVideo's would ask with no frame.
  // Either way such a video is refused here rather than asked without its frames.
  if (indices.length === 0) throw new RangeError(`the video is shorter than one frame at ${fps} fps`);
  return indices;
}

/** How the sampling is written in run headers and messages: `uniform_tail:32`, `fps:2`. */
export function samplingLabel(sampling: FrameSampling): string {
  return sampling.kind === 'fps' || sampling.kind === 'fps_no_tail' ? `${sampling.kind}:${sampling.fps}` : `${sampling.kind}:${sampling.nframe}`;
}
