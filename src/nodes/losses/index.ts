import type { AnyNodeDef } from '../types';
import { adversarial } from './adversarial';
import { content } from './content';
import { featureMatching } from './feature-matching';
import { gramStyle } from './gram-style';
import { l1 } from './l1';
import { l2 } from './l2';
import { tv } from './tv';
import { weightedSum } from './weighted-sum';

/** The losses of the node library, in palette order. */
export const losses: AnyNodeDef[] = [adversarial, l1, l2, gramStyle, content, tv, featureMatching, weightedSum];

export { gram } from './gram-style';
