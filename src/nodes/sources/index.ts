import type { AnyNodeDef } from '../types';
import { digits } from './digits';
import { imageSet } from './image-set';
import { noise } from './noise';
import { painting } from './painting';
import { scene } from './scene';
import { sinus } from './sinus';
import { stroke } from './stroke';
import { texture } from './texture';
import { trainableImage } from './trainable-image';

/** The sources of the node library, in palette order. */
export const sources: AnyNodeDef[] = [noise, digits, imageSet, trainableImage, sinus, stroke, texture, painting, scene];
