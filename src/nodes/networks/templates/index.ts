import type { AnyTemplateDef } from '../template';
import { dcganDiscriminator } from './dcgan-discriminator';
import { dcganGenerator } from './dcgan-generator';
import { patchgan } from './patchgan';
import { randomFeatures } from './random-features';
import { resnetGenerator } from './resnet-generator';
import { spatialGenerator } from './spatial-generator';
import { unet } from './unet';

/** The built-in network templates, in palette order. */
export const templates: readonly AnyTemplateDef[] = [unet, resnetGenerator, dcganGenerator, spatialGenerator, dcganDiscriminator, patchgan, randomFeatures];

export function findTemplate(id: string): AnyTemplateDef | undefined {
  return templates.find((t) => t.id === id);
}
