/**
 * The gallery's static HTML page: one section per preset with its inputs, its previews at
 * several steps, its loss curves as inline SVG, its quality numbers and the time it took.
 * All text from graphs is escaped; images are data URLs, so the page is one offline file.
 */
export interface GalleryImage {
  label: string;
  src: string;
}

export interface GalleryEntry {
  file: string;
  title: string;
  description: string;
  scale: { imageSize: number; batchSize: number; steps: number };
  seconds: number;
  msPerStep: number;
  inputs: GalleryImage[];
  /** Per preview tap, its images at each snapshot step. */
  snapshots: { step: number; images: GalleryImage[] }[];
  losses: Record<string, [step: number, value: number][]>;
  quality: string[];
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const colours = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];

/** Loss curves on one chart: log scale when every value is positive, else linear. */
export function lossChart(losses: GalleryEntry['losses'], width = 520, height = 200): string {
  const ids = Object.keys(losses).filter((id) => losses[id]!.length > 0);
  const all = ids.flatMap((id) => losses[id]!.map(([, v]) => v)).filter(Number.isFinite);
  if (all.length === 0) return '<p>No losses were logged.</p>';
  // Log scale when nothing is negative; zeros (a content loss at its start) are then left out.
  const log = all.every((v) => v >= 0) && all.some((v) => v > 0);
  const f = (v: number) => (log ? Math.log10(v) : v);
  const shown = (v: number) => Number.isFinite(v) && (!log || v > 0);
  const lo = Math.min(...all.filter(shown).map(f));
  const hi = Math.max(...all.filter(shown).map(f));
  const maxStep = Math.max(...ids.flatMap((id) => losses[id]!.map(([s]) => s)));
  const pad = 30;
  const x = (s: number) => pad + ((width - 2 * pad) * (s - 1)) / Math.max(1, maxStep - 1);
  const y = (v: number) => height - pad - ((height - 2 * pad) * (f(v) - lo)) / Math.max(1e-12, hi - lo);
  const lines = ids.map((id, i) => {
    const pts = losses[id]!.filter(([, v]) => shown(v)).map(([s, v]) => `${x(s).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
    return `<polyline fill="none" stroke="${colours[i % colours.length]}" stroke-width="1.5" points="${pts}"><title>${esc(id)}</title></polyline>`;
  });
  const legend = ids.map((id, i) => `<li style="color: ${colours[i % colours.length]}">■ <code>${esc(id)}</code></li>`).join('');
  const axis = (v: number) => (log ? 10 ** v : v).toPrecision(3);
  return (
    `<svg role="img" aria-label="Loss curves" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` +
    `<rect x="${pad}" y="${pad}" width="${width - 2 * pad}" height="${height - 2 * pad}" fill="none" stroke="#ccc"/>` +
    `<text x="2" y="${pad + 4}" font-size="9">${axis(hi)}</text><text x="2" y="${height - pad}" font-size="9">${axis(lo)}</text>` +
    `<text x="${width - pad}" y="${height - 8}" font-size="9" text-anchor="end">step ${maxStep}${log ? ' · log scale' : ''}</text>` +
    `${lines.join('')}</svg><ul class="legend">${legend}</ul>`
  );
}

const figure = (img: GalleryImage) => `<figure><img src="${img.src}" alt="${esc(img.label)}"><figcaption>${esc(img.label)}</figcaption></figure>`;

function section(e: GalleryEntry): string {
  const s = e.scale;
  return `<section id="${esc(e.file)}">
<h2>${esc(e.title)}</h2>
<p class="meta"><code>presets/${esc(e.file)}</code> · gallery scale ${s.steps} steps at ${s.imageSize}×${s.imageSize}, batch ${s.batchSize} · ${e.seconds.toFixed(0)} s (${e.msPerStep.toFixed(0)} ms per step, wasm)</p>
<p>${esc(e.description)}</p>
<h3>Inputs</h3><div class="row">${e.inputs.map(figure).join('')}</div>
<h3>Outputs</h3>${e.snapshots.map((sn) => `<div class="row"><span class="step">step ${sn.step}</span>${sn.images.map(figure).join('')}</div>`).join('')}
<h3>Losses</h3>${lossChart(e.losses)}
<h3>Quality</h3><ul>${e.quality.map((q) => `<li>${esc(q)}</li>`).join('')}</ul>
</section>`;
}

export function galleryPage(entries: GalleryEntry[], note: string): string {
  const total = entries.reduce((a, e) => a + e.seconds, 0);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Ganvas preset gallery</title>
<style>
body { font: 14px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 1100px; padding: 0 1rem; color: #222; }
section { border-top: 1px solid #ddd; padding-top: 1rem; margin-top: 2rem; }
.meta { color: #666; } .row { display: flex; flex-wrap: wrap; gap: 8px; align-items: flex-start; margin: 4px 0; }
figure { margin: 0; } figure img { image-rendering: pixelated; width: 128px; height: auto; border: 1px solid #ccc; }
.legend { display: flex; flex-wrap: wrap; gap: 4px 14px; list-style: none; padding: 0; font-size: 12px; }
figcaption { font-size: 11px; color: #555; max-width: 128px; } .step { width: 70px; font-size: 12px; color: #555; }
</style></head><body>
<h1>Ganvas preset gallery</h1>
<p>Every library preset trained headless on the wasm backend at its gallery scale. ${esc(note)} Total ${(total / 60).toFixed(1)} minutes.</p>
<nav><ul>${entries.map((e) => `<li><a href="#${esc(e.file)}">${esc(e.title)}</a></li>`).join('')}</ul></nav>
${entries.map(section).join('\n')}
</body></html>
`;
}
