/** The checkpoint format's name and version, apart from state.ts so that readers need no tfjs. */
export const CHECKPOINT_FORMAT = 'ganvas-checkpoint';
export const CHECKPOINT_VERSION = 1;
