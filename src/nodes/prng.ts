/**
 * The reference PRNG of WORKLOADS.md: mulberry32 with a Box–Muller normal (cos branch only,
 * nothing cached), so that initial weights and procedural data match other implementations
 * bit for bit.
 */
export interface Rng {
  /** Uniform in [0, 1). */
  uniform(): number;
  /** Standard normal; consumes two uniforms. */
  normal(): number;
  /** How many uniforms have been drawn: a checkpoint restores a stream from it. */
  readonly drawn: number;
}

export function mulberry32(seed: number, skip = 0): () => number {
  // The state advances by a constant per draw, so skipping n draws is one multiply (mod 2³²).
  let a = (seed + Math.imul(skip >>> 0, 0x6d2b79f5)) >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function createRng(seed: number, skip = 0): Rng {
  const next = mulberry32(seed, skip);
  let drawn = skip;
  const uniform = () => {
    drawn++;
    return next();
  };
  return {
    uniform,
    normal() {
      const u1 = uniform();
      const u2 = uniform();
      return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    },
    get drawn() {
      return drawn;
    },
  };
}

/** A stable 32-bit seed from a base seed and a name (FNV-1a), for streams nobody named. */
export function deriveSeed(base: number, name: string): number {
  let h = (0x811c9dc5 ^ (base >>> 0)) >>> 0;
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}
