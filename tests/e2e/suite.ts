/** The setup every end-to-end test file shares, apart from editor-page.ts so that the bench can import that without vitest. */
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { launchBrowser, startBuiltApp, type App } from './browser';
import { openEditor, type Editor } from './editor-page';

/**
 * A test file's built app and browser, started once before its tests and closed after them.
 * Each `open()` gives a test the editor in a context of its own, closed when the test ends.
 */
export function editorSuite(): { open(path?: string): Promise<Editor>; readonly url: string; readonly editors: readonly Editor[] } {
  let app: App | undefined;
  let browser: Browser | undefined;
  const editors: Editor[] = [];
  beforeAll(async () => {
    [app, browser] = await Promise.all([startBuiltApp(), launchBrowser()]);
  }, 120_000);
  afterEach(async () => {
    for (const e of editors.splice(0)) await e.context.close();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });
  return {
    /** The editors the running test has opened. */
    get editors() {
      return editors;
    },
    /** The built app's address (once the file's tests have started). */
    get url() {
      return app!.url;
    },
    async open(path = '') {
      const editor = await openEditor(browser!, app!.url, path);
      editors.push(editor);
      return editor;
    },
  };
}
