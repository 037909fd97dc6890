/** The machine a bench ran on, for the results file and the README. */
import { cpus, release, totalmem, type } from 'node:os';
import * as tf from '@tensorflow/tfjs';
import type { BenchResults } from './results';

export function describeMachine(name?: string): BenchResults['machine'] {
  const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
  const cores = cpus().length;
  return {
    name: name ?? `${cpu} ${cores}c`,
    cpu,
    cores,
    memoryGB: Math.round(totalmem() / 2 ** 30),
    os: `${type()} ${release()}`,
    node: process.version,
    tfjs: tf.version.tfjs,
  };
}
