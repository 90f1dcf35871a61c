import { pipelineNamed } from '../../benchmarks/index.js';
import type { Pipeline } from '../../src/extract/types.js';

/** A registered pipeline by name (generic or a benchmark's own), as a config's `"extract"` names it. */
export function named(name: string): Pipeline {
  const pipeline = pipelineNamed(name);
  if (pipeline === undefined) throw new Error(`no pipeline registered as '${name}'`);
  return pipeline;
}
