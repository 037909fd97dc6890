import type { AnyNodeDef } from '../types';
import { blur } from './blur';
import { damage } from './damage';
import { grayscale } from './grayscale';
import { randomCrop } from './random-crop';
import { randomFlip } from './random-flip';
import { rescale } from './rescale';
import { resize } from './resize';
import { sobel } from './sobel';

/** The transforms of the node library, in palette order. */
export const transforms: AnyNodeDef[] = [rescale, resize, randomCrop, randomFlip, grayscale, blur, sobel, damage];
