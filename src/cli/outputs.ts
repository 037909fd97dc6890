/**
 * What a run leaves in its output directory, besides the checkpoint: preview PNGs, losses.jsonl,
 * the graph it trained and result.png.
 */
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import type { GraphDoc } from '../graph';
import { resultPng } from '../runtime/export/result-png';
import { encodePng, type RgbaImage } from '../runtime/png';
import type { TapResult } from '../runtime/taps';
import type { StepReport } from '../runtime/trainer';

/** One logged iteration, as printed by --json and written to losses.jsonl. */
export interface LossLine {
  step: number;
  ms: number;
  losses: Record<string, number>;
}

export function lossLine(r: StepReport): LossLine {
  return { step: r.step, ms: Math.round(r.ms * 1000) / 1000, losses: r.losses ?? {} };
}

/** previews/step-000100 (wider when the step needs more digits). */
export function previewDir(out: string, step: number): string {
  return join(out, 'previews', `step-${String(step).padStart(6, '0')}`);
}

/**
 * Node ids are free text; keep letters, digits, '.', '_' and '-', and write anything else as
 * %XX of its UTF-8 bytes, so every id gets its own, portable file name.
 */
export function fileSafe(id: string): string {
  return Array.from(new TextEncoder().encode(id), (b) => {
    const c = String.fromCharCode(b);
    return /[A-Za-z0-9._-]/.test(c) ? c : '%' + b.toString(16).toUpperCase().padStart(2, '0');
  }).join('');
}

/** Writes each preview tap's images as <tap>-<i>.png; returns the files written. */
export function writePreviews(out: string, step: number, taps: readonly TapResult[]): string[] {
  const dir = previewDir(out, step);
  const files: string[] = [];
  for (const tap of taps) {
    if (tap.kind !== 'preview') continue;
    mkdirSync(dir, { recursive: true });
    tap.images.forEach((img, i) => {
      const file = join(dir, `${fileSafe(tap.id)}-${i}.png`);
      writeFileSync(file, encodePng(img, (d) => deflateSync(d)));
      files.push(file);
    });
  }
  return files;
}

/** losses.jsonl, one line per logged iteration; appended to when a run resumes. */
export class LossFile {
  private fd: number;

  constructor(
    readonly path: string,
    append: boolean,
  ) {
    this.fd = openSync(path, append ? 'a' : 'w');
  }

  write(line: LossLine): void {
    writeSync(this.fd, JSON.stringify(line) + '\n');
  }

  close(): void {
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
  }
}

/** The name of the graph a run saves beside its outputs (what `ganvas export` reads). */
export const RUN_GRAPH = 'graph.ganvas.json';
export const RESULT_PNG = 'result.png';

export function writeRunGraph(out: string, doc: GraphDoc): void {
  writeFileSync(join(out, RUN_GRAPH), JSON.stringify(doc, null, 2) + '\n');
}

/**
 * result.png: the images of the preview taps, in tap order, in one grid carrying the graph. A
 * grid holds one image size: taps of another size than the first are left out, and named.
 * Returns the taps left out, or undefined when there was nothing to show.
 */
export function writeResultPng(out: string, taps: readonly TapResult[], doc: GraphDoc): { left: string[] } | undefined {
  const previews = taps.filter((t) => t.kind === 'preview' && t.images.length > 0);
  const first = previews[0]?.kind === 'preview' ? previews[0].images[0] : undefined;
  if (!first) return undefined;
  const images: RgbaImage[] = [];
  const left: string[] = [];
  for (const tap of previews) {
    if (tap.kind !== 'preview') continue;
    if (tap.images.every((i) => i.width === first.width && i.height === first.height)) images.push(...tap.images);
    else left.push(tap.id);
  }
  writeFileSync(join(out, RESULT_PNG), resultPng(images, doc));
  return { left };
}
