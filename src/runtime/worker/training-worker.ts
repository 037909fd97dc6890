/**
 * The training worker's entry: a module Web Worker started by the editor. It owns TensorFlow.js;
 * the page only sends and receives protocol messages.
 */
import { loadDigitsBrowser } from '../assets/digits-browser';
import { initBrowserBackend } from '../backends/browser';
import { idbCheckpoints } from '../checkpoint-store';
import type { ToWorker } from '../protocol';
import { TrainingSession } from './session';

declare const self: DedicatedWorkerGlobalScope;

const session = new TrainingSession((message, transfer) => self.postMessage(message, transfer ?? []), {
  initBackend: initBrowserBackend,
  checkpoints: idbCheckpoints(),
  async loadAsset(name) {
    if (name === 'digits') return loadDigitsBrowser();
    if (name.startsWith('model:')) throw new Error(`This graph uses the pretrained model "${name.slice(6)}"; loading models into training comes with a later version.`);
    throw new Error(`This graph needs the data "${name}", which the browser cannot provide.`);
  },
});

self.onmessage = (e: MessageEvent<ToWorker>) => session.handle(e.data);
