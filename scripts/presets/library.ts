/**
 * The preset library: one graph per pipeline family, each with notes for learners, built-in
 * data only, and its full and gallery scales in its description and tags (see kit.ts).
 */
import type { GraphDoc } from '../../src/graph/schema';
import { cycleGan, dcganDigits } from './gan';
import { replication, superResolution } from './gan-images';
import { colouriseFilm, edgesToArt, restore } from './pix2pix';
import { fastStyle, neuralStyle } from './style';
import { articleMethod, styleBlend } from './style-mix';

/** The library presets by file name (relative to presets/), in teaching order. */
export function libraryPresets(): Record<string, GraphDoc> {
  return {
    'dcgan-digits.ganvas.json': dcganDigits(),
    'neural-style.ganvas.json': neuralStyle(),
    'fast-style.ganvas.json': fastStyle(),
    'pix2pix-colourise.ganvas.json': colouriseFilm(),
    'pix2pix-restore.ganvas.json': restore(),
    'pix2pix-edges.ganvas.json': edgesToArt(),
    'cyclegan.ganvas.json': cycleGan(),
    'super-resolution.ganvas.json': superResolution(),
    'style-blend.ganvas.json': styleBlend(),
    'replication.ganvas.json': replication(),
    'article-method.ganvas.json': articleMethod(),
  };
}
