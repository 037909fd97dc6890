/**
 * What a failure during training was, in the user's terms: a lost GPU device or exhausted
 * memory (both pause with a way to go on elsewhere), or anything else.
 */
import { backendNames, type BackendName, type FaultKind } from '../protocol';

const lostDevice = /device (was |is )?lost|context (was |is )?lost|CONTEXT_LOST|device.*destroyed|GPUDevice.*invalid/i;
const outOfMemory = /out of memory|\bOOM\b|failed to allocate|allocation failed|array buffer allocation failed|cannot allocate|memory limit/i;

/** The fault an error stands for, if it is one the session handles. */
export function classify(e: unknown): Exclude<FaultKind, 'nan'> | undefined {
  const text = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  if (lostDevice.test(text)) return 'device-lost';
  if (outOfMemory.test(text)) return 'oom';
  return undefined;
}

/** The next backend in the order of preference after `name`; cpu has none. */
export function fallbackAfter(name: BackendName): BackendName | undefined {
  return backendNames[backendNames.indexOf(name) + 1];
}

/** The message shown for a fault, saying what happened and what is safe. */
export function faultMessage(kind: Exclude<FaultKind, 'nan'>, backend: BackendName, detail: string, saved: number | undefined, fallback: BackendName | undefined): string {
  const what =
    kind === 'device-lost'
      ? `The ${backend} device was lost (${detail}): the GPU was reset, the driver crashed, or the browser took it back.`
      : `Training ran out of memory on ${backend} (${detail}). A smaller batch or image size needs less.`;
  const where = saved === undefined ? 'No checkpoint was saved yet, so training starts again' : `Training can go on from the checkpoint of step ${saved}`;
  return `${what} Your graph is unchanged. ${where}${fallback ? ` on ${fallback}` : ''}.`;
}
