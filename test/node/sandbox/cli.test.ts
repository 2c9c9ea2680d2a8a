// `npm run sandbox` as a user runs it: the CLI prints its URL and key, serves requests with
// that key, honours PAID_SANDBOX_SECRET_KEY and --secret-key, and exits 0 on SIGTERM/SIGINT.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { freePort } from '../../../scripts/engines.ts';
import { fileURLToPath } from 'node:url';
import { send } from './support.ts';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const DEFAULT_KEY = 'sk_test_paid_sandbox_dev';


interface RunningCli {
  child: ChildProcess;
  url: string;
  output: () => string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Spawns the CLI with node + tsx directly (not npx), so that the signal reaches the server itself. */
async function startCli(args: string[], env: Record<string, string | undefined> = {}): Promise<RunningCli> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env };
  delete childEnv.PAID_SANDBOX_SECRET_KEY;
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) delete childEnv[name];
    else childEnv[name] = value;
  }
  const child = spawn(process.execPath, ['--import', 'tsx', 'sandbox/cli.ts', ...args], { cwd: repoRoot, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the CLI printed no URL within 15 s:\n${output}`));
    }, 15_000);
    const look = () => {
      const match = /https?:\/\/(?:127\.0\.0\.1|localhost):\d+/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[0]);
      }
    };
    child.stdout?.on('data', look);
    child.stderr?.on('data', look);
    void exit.then(() => {
      clearTimeout(timer);
      reject(new Error(`the CLI exited before printing a URL:\n${output}`));
    });
  });
  return { child, url, output: () => output, exit };
}

async function stop(cli: RunningCli, signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  cli.child.kill(signal);
  const timeout = new Promise<never>((_, reject) =>
    setTimeout(() => {
      cli.child.kill('SIGKILL');
      reject(new Error(`the CLI did not exit within 10 s of ${signal}`));
    }, 10_000).unref(),
  );
  return Promise.race([cli.exit, timeout]);
}

// Each test spawns its own CLI on its own port, so they run side by side.
describe('npm run sandbox', { concurrency: true }, () => {
  test('the CLI prints its URL and the default key, serves the private API with that key, and exits 0 on SIGTERM', async () => {
    const port = await freePort();
    const cli = await startCli(['--port', String(port)]);
    try {
      assert.equal(cli.url, `http://127.0.0.1:${port}`);
      await waitFor(() => cli.output().includes(DEFAULT_KEY), 'the key', cli);
      const products = await send(cli.url, 'GET', '/api/v2/products', { key: DEFAULT_KEY });
      assert.equal(products.status, 200);
      const wrong = await send(cli.url, 'GET', '/api/v2/products', { key: 'sk_test_wrong' });
      assert.equal(wrong.status, 401);
    } finally {
      const exit = await stop(cli, 'SIGTERM');
      assert.deepEqual(exit, { code: 0, signal: null }, cli.output());
    }
  });

  test('--secret-key sets the key', async () => {
    const custom = 'sk_test_from_flag_5678';
    const cli = await startCli(['--port', String(await freePort()), '--secret-key', custom]);
    try {
      await waitFor(() => cli.output().includes(custom), 'the key from the flag', cli);
      assert.equal((await send(cli.url, 'GET', '/api/v2/products', { key: custom })).status, 200);
      assert.equal((await send(cli.url, 'GET', '/api/v2/products', { key: DEFAULT_KEY })).status, 401);
    } finally {
      assert.deepEqual(await stop(cli, 'SIGTERM'), { code: 0, signal: null });
    }
  });

  test('--port 0 picks a free port; PAID_SANDBOX_SECRET_KEY replaces the default key; SIGINT (Ctrl+C) exits 0', async () => {
    const custom = 'sk_test_from_environment_1234';
    const cli = await startCli(['--port', '0'], { PAID_SANDBOX_SECRET_KEY: custom });
    try {
      assert.doesNotMatch(cli.url, /:0$/);
      await waitFor(() => cli.output().includes(custom), 'the key from the environment', cli);
      assert.equal((await send(cli.url, 'GET', '/api/v2/products', { key: custom })).status, 200);
      assert.equal((await send(cli.url, 'GET', '/api/v2/products', { key: DEFAULT_KEY })).status, 401);
    } finally {
      assert.deepEqual(await stop(cli, 'SIGINT'), { code: 0, signal: null }, cli.output());
    }
  });
});

async function waitFor(condition: () => boolean, what: string, cli: RunningCli): Promise<void> {
  for (let attempt = 0; attempt < 100 && !condition(); attempt += 1) await new Promise((resolve) => setTimeout(resolve, 50));
  assert.ok(condition(), `the CLI printed ${what}:\n${cli.output()}`);
}
