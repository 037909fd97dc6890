/**
 * The random stream of one picture of the painting and scene sources: each sample takes one
 * uniform from the node's stream and is drawn from a stream of its own seeded by it, so a
 * picture costs the shared stream one draw whatever its style and size. The held-out split
 * seeds that stream differently, so it never shows a training picture.
 */
import { createRng, deriveSeed, type Rng } from '../prng';

export function sampleRng(stream: Rng, split: 'train' | 'held-out'): Rng {
  const seed = Math.floor(stream.uniform() * 4294967296) >>> 0;
  return createRng(split === 'train' ? seed : deriveSeed(seed, 'held-out'));
}
