// Where Chromium is and how every suite here starts it (component tests, e2e, bench): headless,
// as root, offline. Debian's /usr/bin/chromium unless CHROME_PATH names another.

export const chromiumPath: string = process.env.CHROME_PATH || '/usr/bin/chromium';

export const chromiumOfflineArgs: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  // Nothing but loopback resolves, so a stray request to Stripe or Google fails fast.
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
];
