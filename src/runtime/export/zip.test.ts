import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { compile } from '../../graph/compile';
import { tinyPix2pix } from '../../graph/fixtures';
import { Trainer } from '../trainer';
import { exportNetworkZip } from '.';
import { exportNetwork } from './network-export';
import { zipFiles } from './zip';

const files = {
  'model.json': '{"format":"ganvas-model","label":"Pinceau – ✓"}\n',
  'weights.bin': Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919) % 251),
  'ganvas-model.mjs': 'export const x = 1;\n'.repeat(50),
};

const python = (() => {
  try {
    execFileSync('python3', ['-c', 'import zipfile'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe('zipFiles', () => {
  it('unzips to the same files, in a folder when asked', () => {
    const back = unzipSync(zipFiles(files, { folder: 'unet-model' }));
    expect(Object.keys(back).sort()).toEqual(['unet-model/ganvas-model.mjs', 'unet-model/model.json', 'unet-model/weights.bin']);
    expect(strFromU8(back['unet-model/model.json']!)).toBe(files['model.json']);
    expect(strFromU8(back['unet-model/ganvas-model.mjs']!)).toBe(files['ganvas-model.mjs']);
    expect(Buffer.from(back['unet-model/weights.bin']!).equals(Buffer.from(files['weights.bin']))).toBe(true);
  });

  it.skipIf(!python)("is a zip Python's zipfile reads, every CRC right", () => {
    const dir = mkdtempSync(join(tmpdir(), 'ganvas-zip-'));
    try {
      writeFileSync(join(dir, 'a.zip'), zipFiles(files, { mtime: new Date(2026, 0, 2) }));
      const script = 'import sys, zipfile, hashlib; z = zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None; print(" ".join(f"{i.filename}:{hashlib.sha256(z.read(i)).hexdigest()[:12]}:{i.date_time[0]}" for i in z.infolist()))';
      const out = execFileSync('python3', ['-c', script, join(dir, 'a.zip')], { encoding: 'utf8' }).trim().split(' ');
      const sha = (b: string | Uint8Array) => createHash('sha256').update(b).digest('hex').slice(0, 12);
      expect(out).toEqual(Object.entries(files).map(([name, b]) => `${name}:${sha(b)}:2026`));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('holds a network export file for file', async () => {
    const trainer = await Trainer.create(compile(tinyPix2pix()).plan!);
    const r = exportNetwork(trainer.plan, await trainer.checkpoint(), 'gen');
    trainer.dispose();
    if (!r.ok) throw new Error(r.message);
    const back = unzipSync(zipFiles(r.files, { folder: 'gen-model' }));
    expect(Object.keys(back).sort()).toEqual(['README.md', 'ganvas-model.mjs', 'model.json', 'weights.bin'].map((f) => `gen-model/${f}`));
    for (const [name, content] of Object.entries(r.files)) {
      const got = back[`gen-model/${name}`]!;
      if (typeof content === 'string') expect(strFromU8(got)).toBe(content);
      else expect(Buffer.from(got).equals(Buffer.from(content))).toBe(true);
    }
  });

  it('names the download after the network, and says why a network cannot be exported', async () => {
    const trainer = await Trainer.create(compile(tinyPix2pix()).plan!);
    const c = await trainer.checkpoint();
    trainer.dispose();
    const r = exportNetworkZip(trainer.plan, c, 'gen');
    expect(r.ok && r.fileName).toBe('gen-model.zip');
    if (r.ok) expect(Object.keys(unzipSync(r.zip)).sort()).toEqual(['README.md', 'ganvas-model.mjs', 'model.json', 'weights.bin'].map((f) => `gen-model/${f}`));
    expect(exportNetworkZip(trainer.plan, c, 'G')).toEqual({ ok: false, message: 'The graph has no network "G"; its networks are "gen", "disc".' });
  });

  it('refuses names that would leave the folder', () => {
    expect(() => zipFiles({ '../evil': 'x' })).toThrow(/Not a file name/);
    expect(() => zipFiles({ '/abs': 'x' })).toThrow(/Not a file name/);
  });
});
