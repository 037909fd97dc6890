/** The training panel as a person sees it, for the end-to-end tests. */
import type { Page } from 'playwright-core';

export const panel = (page: Page) => page.getByRole('region', { name: 'Training' });
export const status = (page: Page) => panel(page).getByRole('status', { name: 'Training status' });

export async function stepOf(page: Page): Promise<number> {
  const m = /step (\d+)/.exec(await status(page).innerText());
  return m ? Number(m[1]) : 0;
}

export async function waitForStep(page: Page, n: number, timeout: number): Promise<void> {
  await page.waitForFunction(
    (n) => {
      const el = document.querySelector('[aria-label="Training status"]');
      const m = el && /step (\d+)/.exec(el.textContent ?? '');
      return m !== null && m !== undefined && Number(m[1]) >= n;
    },
    n,
    { timeout },
  );
}

/** The preview node's first image, as a hash-like digest of its pixels. */
export async function previewDigest(page: Page): Promise<string> {
  return page.evaluate(() => {
    const c = document.querySelector('.gn-preview canvas') as HTMLCanvasElement | null;
    if (!c) return '';
    const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let h = 0;
    for (let i = 0; i < d.length; i++) h = (h * 31 + d[i]!) >>> 0;
    return `${c.width}x${c.height}:${h}`;
  });
}

export const chartPoints = (page: Page) => page.evaluate(() => (document.querySelector('.loss-chart polyline')?.getAttribute('points') ?? '').trim().split(/\s+/).filter(Boolean).length);

export async function train(page: Page, backend: string, steps: number, previewEvery: number): Promise<void> {
  await panel(page).getByLabel('Backend', { exact: true }).selectOption(backend);
  await panel(page).getByLabel('Steps', { exact: true }).fill(String(steps));
  await panel(page).getByLabel('Preview every').fill(String(previewEvery));
  await panel(page).getByRole('button', { name: 'Train', exact: true }).click();
}
