/**
 * Export folders as one zip file, for the browser's download: fflate's zipSync, pure JS, no
 * tfjs. Text files are stored as UTF-8; everything is deflated except what does not shrink.
 */
import { strToU8, zipSync, type Zippable } from 'fflate';

export interface ZipOptions {
  /** A folder every file is put in ("unet-model/model.json"); none by default. */
  folder?: string;
  /** The files' modification time (default: now). */
  mtime?: Date;
}

/** `files` by name: any object whose values are text or bytes (an ExportFiles, a plain record). */
export function zipFiles<F extends { [K in keyof F]: string | Uint8Array }>(files: F, o: ZipOptions = {}): Uint8Array {
  const prefix = o.folder ? `${o.folder.replace(/\/+$/, '')}/` : '';
  const entries: Zippable = {};
  for (const [name, content] of Object.entries(files) as [string, string | Uint8Array][]) {
    if (!name || name.startsWith('/') || name.split('/').includes('..')) throw new RangeError(`Not a file name for a zip: ${JSON.stringify(name)}`);
    entries[prefix + name] = typeof content === 'string' ? strToU8(content) : content;
  }
  return zipSync(entries, { level: 6, mtime: o.mtime ?? new Date() });
}
