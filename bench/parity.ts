/** The parity check before any timing: both implementations compute the same model, or a ratio means nothing. */

/** Step-1 losses within this relative distance of the compiled graph's: the same model. */
export const PARITY_TOLERANCE = 1e-4;

export interface Parity {
  against: 'compiled';
  /** The loss furthest from the compiled graph's, and how far, relative. */
  key: string;
  rel: number;
  ok: boolean;
}
