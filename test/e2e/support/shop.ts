// One test file's world: the sandbox in-process, the merchant's own web server on another origin
// (the built files at /dist/, a thanks page at /thanks, the file's apps at /apps/) and Chromium, all
// closed after the file's tests. At the top of a test file:
// `const { sandbox, shop, browser } = await openShop();`.
import { rm } from 'node:fs/promises';
import { after } from 'node:test';
import type { Browser } from 'playwright-core';
import type { StartedSandbox } from '../../../sandbox/app.ts';
import { launchBrowser } from './browser.ts';
import { distDirectory, startTestSandbox } from './sandbox.ts';
import { startStaticServer, type StaticServer } from './static-server.ts';

export interface Shop {
  sandbox: StartedSandbox;
  /** The merchant's server: add the file's own pages and directories to it. */
  shop: StaticServer;
  browser: Browser;
}

/** Where a success URL of the tests lands: `${shop.url}/thanks?checkout={CHECKOUT_ID}`. */
export const thanksPage = { body: '<!doctype html><title>Thanks</title><h1>Thanks for your order</h1>' };

export interface ShopOptions {
  /** Builds the file's apps into a directory (before anything starts), served at /apps/ and removed after. */
  apps?: () => Promise<string>;
}

/** Starts the three and closes them after the calling file's tests; one that fails to start closes the others. */
export async function openShop(options: ShopOptions = {}): Promise<Shop> {
  const opened: Array<{ close(): Promise<unknown> }> = [];
  // The browser first, then the merchant's server, then the sandbox: the reverse of their start.
  const close = async () => {
    for (const each of opened.splice(0).reverse()) await each.close();
  };
  try {
    const apps = options.apps ? await options.apps() : null;
    if (apps) opened.push({ close: () => rm(apps, { recursive: true, force: true }) });
    const sandbox = await startTestSandbox();
    opened.push(sandbox);
    const shop = await startStaticServer();
    opened.push(shop);
    shop.directory('/dist/', distDirectory);
    shop.page('/thanks', thanksPage);
    if (apps) shop.directory('/apps/', apps);
    const browser = await launchBrowser();
    opened.push(browser);
    after(close);
    return { sandbox, shop, browser };
  } catch (error) {
    await close();
    throw error;
  }
}
