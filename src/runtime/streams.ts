/**
 * The random streams of a run: one seeded mulberry32 stream per name, shared by the nodes
 * that name it. Positions are counts of draws, so a checkpoint restores a stream exactly.
 */
import type { TrainingPlan } from '../graph/plan';
import { createRng, deriveSeed, type Rng } from '../nodes/prng';

export class Streams {
  private readonly rngs = new Map<string, Rng>();
  private readonly streamOf = new Map<string, string>();
  private readonly seeds = new Map<string, number>();

  /** `salt` gives an independent set of streams with the same names (the preview batch). */
  constructor(plan: TrainingPlan, salt?: string) {
    for (const s of plan.streams) {
      const seed = salt === undefined ? s.seed : deriveSeed(s.seed, salt);
      this.seeds.set(s.name, seed);
      this.rngs.set(s.name, createRng(seed));
      for (const n of s.nodes) this.streamOf.set(n, s.name);
    }
  }

  /** The stream a node draws from. */
  rng = (nodeId: string): Rng => {
    const name = this.streamOf.get(nodeId);
    const rng = name === undefined ? undefined : this.rngs.get(name);
    if (!rng) throw new Error(`Node ${nodeId} draws from no stream in the plan`);
    return rng;
  };

  positions(): Record<string, number> {
    return Object.fromEntries([...this.rngs].map(([name, r]) => [name, r.drawn]));
  }

  restore(positions: Record<string, number>): void {
    for (const [name, drawn] of Object.entries(positions)) {
      const seed = this.seeds.get(name);
      if (seed !== undefined) this.rngs.set(name, createRng(seed, drawn));
    }
  }
}
