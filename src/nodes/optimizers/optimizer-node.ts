/** What the three optimizer kinds share: their one input and its check. */
import { scalar } from '../shape';
import type { InferCtx, InferResult, PortSpec } from '../types';
import { problem } from '../types';
import { formatNumber } from '../losses/reduce';

export const lossPort: PortSpec[] = [{ name: 'loss', label: 'loss', type: 'scalar', doc: 'The loss this optimizer minimises' }];

export function inferOptimizer(ctx: InferCtx<unknown>): InferResult {
  return ctx.inputs.loss ? {} : problem('optimizerNoLoss', { node: ctx.name }, 'loss');
}

export const optimizerExample = { inputs: { loss: scalar } };

export const optimizerDocs =
  ' It minimises the loss wired into it by updating only the networks and trainable images it names, so ' +
  'in a GAN the discriminator\'s optimizer leaves the generator untouched (and the other way round). ' +
  '"Steps per iteration" above 1 repeats its update with fresh data (n-critic training), and the schedule ' +
  'lowers the learning rate over the run.';

/** "lr 2e-4 ×5" */
export function lrSummary(p: { lr: number; stepsPerIteration: number }): string {
  return `lr ${formatNumber(p.lr)}${p.stepsPerIteration > 1 ? ` ×${p.stepsPerIteration}` : ''}`;
}
