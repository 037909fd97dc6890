/** The setup every end-to-end test file shares, apart from editor-page.ts so that the bench can import that without vitest. */
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { launchBrowser, startBuiltApp, type App } from './browser';
import { openEditor, type Editor } from './editor-page';

/**
 * A test file's built app and browser, started once before its tests and closed after them;
 * `open()` gives a test the editor in a context of its own, closed when the test ends.
 */
export function editorSuite(): { open(path?: string): Promise<Editor> } {
  let app: App | undefined;
  let browser: Browser | undefined;
  let editor: Editor | undefined;
  beforeAll(async () => {
    [app, browser] = await Promise.all([startBuiltApp(), launchBrowser()]);
  }, 120_000);
  afterEach(async () => {
    await editor?.context.close();
    editor = undefined;
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });
  return {
    async open(path = '') {
      editor = await openEditor(browser!, app!.url, path);
      return editor;
    },
  };
}
