// `npm run sandbox` (or `npx paid-checkout-sandbox` from the package): runs the sandbox on its own
// port, prints where it is, its keys and its process id, and stops on SIGINT, SIGTERM or when the
// process that launched it (npx, npm) goes away.
import { parseArgs } from 'node:util';
import { DEFAULT_HOST, DEFAULT_PORT, DEFAULT_SECRET_KEY, startSandbox } from './app.ts';
import { noStripeKeyOf, secretKeyProblem } from './auth.ts';
import { watchLaunchers } from './parent-watch.ts';

// Built into dist/sandbox.js for the package's bin; from the sources it runs through npm.
const command = import.meta.url.endsWith('.ts') ? 'npm run sandbox --' : 'npx paid-checkout-sandbox';
const usage = `Usage: ${command} [--port <n>] [--host <address>] [--secret-key <key>]

  --port        port to listen on (default ${DEFAULT_PORT}; 0 picks a free one)
  --host        interface to listen on (default ${DEFAULT_HOST})
  --secret-key  the main account's key (default: $PAID_SANDBOX_SECRET_KEY, else ${DEFAULT_SECRET_KEY})
  --help        this text`;

function fail(message: string): never {
  console.error(`sandbox: ${message}\n\n${usage}`);
  process.exit(2);
}

function parseOptions(): { port: number; host: string; secretKey: string } {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        'secret-key': { type: 'string' },
        help: { type: 'boolean' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  const port = values.port === undefined ? DEFAULT_PORT : Number(values.port);
  if (!/^\d+$/.test(values.port ?? '0') || !Number.isInteger(port) || port < 0 || port > 65_535) {
    fail(`--port must be a whole number from 0 to 65535, not "${values.port}"`);
  }
  const secretKey = values['secret-key'] ?? process.env.PAID_SANDBOX_SECRET_KEY ?? DEFAULT_SECRET_KEY;
  const keyProblem = secretKeyProblem(secretKey);
  if (keyProblem) fail(keyProblem);
  const host = values.host ?? DEFAULT_HOST;
  if (host.trim() === '') fail('--host must not be empty');
  return { port, host, secretKey };
}

const options = parseOptions();
let sandbox: Awaited<ReturnType<typeof startSandbox>> | undefined;

// Installed before anything is printed: a signal that follows the first line must find them.
let stopping = false;
function stop(reason: string): void {
  if (stopping) return;
  stopping = true;
  console.log(`sandbox: ${reason}, stopping`);
  if (!sandbox) process.exit(0);
  sandbox.close().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error('sandbox: failed to stop cleanly', error);
      process.exit(1);
    },
  );
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
// npx and npm do not pass a signal on to the sandbox: killing them must not leave it on its port.
watchLaunchers((pid) => stop(`the process that started it (${pid}) exited`));

let started: Awaited<ReturnType<typeof startSandbox>>;
try {
  started = await startSandbox(options);
  sandbox = started;
} catch (error) {
  const reason = (error as NodeJS.ErrnoException).code === 'EADDRINUSE' ? `port ${options.port} is in use (try --port 0)` : String(error);
  console.error(`sandbox: cannot listen on ${options.host}:${options.port}: ${reason}`);
  process.exit(1);
}

console.log(`Paid sandbox listening on ${started.url}`);
console.log(`  secret key:          ${started.secretKey}`);
console.log(`  key without Stripe:  ${noStripeKeyOf(started.secretKey)}`);
console.log(`  public API:          ${started.url}/api/public/checkout/{id}`);
console.log(`  hosted checkout:     ${started.url}/checkout/{id}`);
console.log(`  Stripe stand-in:     ${started.url}/sandbox/stripe-standin.js`);
console.log(`  overview page:       ${started.url}/ (keys, routes, test cards, checkouts, receipts)`);
console.log(`  process id:          ${process.pid}`);
console.log(`Press Ctrl+C to stop, or run: kill ${process.pid}`);

