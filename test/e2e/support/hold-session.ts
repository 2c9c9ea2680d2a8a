// Holds the session's answer back until the page has asked for another file (a chunk, a catalog):
// a file the element fetches only after the session has answered is never asked for while the
// answer waits, so the wait ends after 10 s and says so. No fixed sleep decides anything.
import type { Page } from 'playwright-core';

/**
 * Holds back the first answer to `GET <apiBase>/api/public/checkout/*` until `requested` settles (at
 * most 10 s). `seenFirst()` says, once the answer has gone on, whether `requested` came first.
 */
export async function holdSessionUntil(page: Page, apiBase: string, requested: Promise<void>): Promise<{ seenFirst: () => boolean | undefined }> {
  let seenFirst: boolean | undefined;
  await page.route(`${apiBase}/api/public/checkout/*`, async (route) => {
    if (route.request().method() === 'GET' && seenFirst === undefined) {
      let deadline: NodeJS.Timeout | undefined;
      seenFirst = await Promise.race([
        requested.then(() => true),
        new Promise<boolean>((resolve) => (deadline = setTimeout(() => resolve(false), 10_000))),
      ]);
      clearTimeout(deadline);
    }
    await route.continue();
  });
  return { seenFirst: () => seenFirst };
}
