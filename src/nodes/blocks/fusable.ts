import type { BuildCtx } from '../types';

/**
 * Whether a block may use tfjs's fused op (conv or matmul with its bias in one kernel). Under a
 * tape, a fused op's custom gradient computes the gradients of its input, weights and bias all
 * at once; the separate ops compute only those that flow. So: fused where nothing records, or
 * where the pass needs both its weights' and its input's gradients; separate ops otherwise (a
 * frozen loss net, the discriminator in the generator's update, a first layer fed by data).
 */
export const fusable = (ctx: Pick<BuildCtx<unknown>, 'tape'>): boolean => !ctx.tape || (ctx.tape.weights && ctx.tape.inputs);
