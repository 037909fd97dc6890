import type { AnyNodeDef } from '../types';
import { activation } from './activation';
import { add } from './add';
import { avgPool } from './avg-pool';
import { batchNorm } from './batch-norm';
import { concat } from './concat';
import { conv2d } from './conv2d';
import { conv2dTranspose } from './conv2d-transpose';
import { dense } from './dense';
import { featureList } from './feature-list';
import { flatten } from './flatten';
import { instanceNorm } from './instance-norm';
import { reshape } from './reshape';
import { residual } from './residual';
import { stopGradient } from './stop-gradient';
import { upsample } from './upsample';

/** The blocks of the node library, in palette order. */
export const blocks: AnyNodeDef[] = [
  conv2d,
  conv2dTranspose,
  dense,
  reshape,
  flatten,
  instanceNorm,
  batchNorm,
  activation,
  upsample,
  avgPool,
  concat,
  add,
  residual,
  stopGradient,
  featureList,
];
