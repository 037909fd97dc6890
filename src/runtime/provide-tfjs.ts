/**
 * Gives the node library the real TensorFlow.js. Imported for its effect by every runtime module
 * that runs node builds, so whatever loads the runtime (worker, CLI, tests) has it bound.
 */
import * as tf from '@tensorflow/tfjs';
import { provideTfjs } from '../nodes/tfjs';

provideTfjs(tf);
