/**
 * The app page until the canvas editor lands: it opens the default graph (or a file the
 * user picks), runs the compiler, and shows what it found. Everything goes through
 * parseGraphDoc and compile, exactly as the editor will.
 */
import defaultGraph from '../../presets/default.ganvas.json';
import { renderOverview } from './overview';

const app = document.getElementById('app')!;

function open(input: unknown, source: string): void {
  renderOverview(app, input, source, (file) => {
    file.text().then(
      (text) => open(text, file.name),
      (e: unknown) => open(null, `${file.name} (unreadable: ${String(e)})`),
    );
  });
}

open(defaultGraph, 'built-in default graph');
