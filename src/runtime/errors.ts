/** What stops a run. */

/** Training stopped because a loss became NaN or infinite. */
export class NonFiniteLoss extends Error {
  constructor(
    readonly lossNode: string,
    readonly value: number,
    /** The iteration (1-based) whose loss was not finite; weights are those after step − 1. */
    readonly step: number,
  ) {
    super(`The loss “${lossNode}” became ${Number.isNaN(value) ? 'NaN' : value > 0 ? 'infinite' : '−infinite'} at step ${step}. Training stopped; the weights are those of step ${step - 1}, the last with finite losses. A lower learning rate or a loss weight often helps.`);
    this.name = 'NonFiniteLoss';
  }
}
