// Stopping the CLI however it was started: it prints its process id, `kill <pid>` stops it, and
// killing a launcher that passes no signal on (npx, npm: `npx paid-checkout-sandbox & … kill $!`)
// stops it too, freeing its port.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const cliCommand = [process.execPath, '--import', 'tsx', 'sandbox/cli.ts', '--port', '0'];

/**
 * A stand-in for npx: it starts the sandbox (through `sh -c`, as npm does, with npm's
 * environment when `asNpm`) and has no signal handlers, so SIGTERM kills it and passes nothing on.
 */
const launcherSource = `
const { spawn } = require('node:child_process');
const [command, ...args] = JSON.parse(process.argv[1]);
const viaShell = process.argv[2] === 'npm';
const env = viaShell ? { ...process.env, npm_command: 'exec' } : process.env;
const quoted = [command, ...args].map((part) => "'" + part.replace(/'/g, "'\\\\''") + "'").join(' ');
// "; exit $?" keeps the shell between them (alone, the command would replace it), as under npm.
const child = viaShell ? spawn('sh', ['-c', quoted + '; exit $?'], { stdio: 'inherit', env }) : spawn(command, args, { stdio: 'inherit', env });
child.on('exit', (code) => process.exit(code ?? 1));
`;

interface Launched {
  launcher: ChildProcess;
  output: () => string;
  /** Resolves when every process writing to the shared stdout has exited (the pipe's end). */
  allExited: Promise<void>;
  url: string;
  pid: number;
}

async function launch(how: 'npm' | 'direct' | 'none'): Promise<Launched> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.PAID_SANDBOX_SECRET_KEY;
  const launcher =
    how === 'none'
      ? spawn(cliCommand[0]!, cliCommand.slice(1), { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] })
      : spawn(process.execPath, ['--input-type=commonjs', '-e', launcherSource, JSON.stringify(cliCommand), how], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  launcher.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  launcher.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const allExited = once(launcher.stdout!, 'end').then(() => undefined);
  const banner = await new Promise<RegExpExecArray>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no banner within 20 s:\n${output}`)), 20_000);
    const look = () => {
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)[\s\S]*process id:\s+(\d+)[\s\S]*kill (\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match);
      }
    };
    launcher.stdout?.on('data', look);
    void allExited.then(() => {
      clearTimeout(timer);
      reject(new Error(`the CLI exited before its banner:\n${output}`));
    });
  });
  assert.equal(banner[2], banner[3], 'the banner says `kill <its process id>`');
  return { launcher, output: () => output, allExited, url: banner[1]!, pid: Number(banner[2]) };
}

/** Alive and not a zombie: an exited sandbox stays one until the reparenting init reaps it. */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^[ZX]/.test(stat.slice(stat.lastIndexOf(')') + 2));
  } catch {
    return !existsSync('/proc/self');
  }
}

function parentOf(pid: number): number | null {
  if (!existsSync(`/proc/${pid}/stat`)) return null;
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

async function within<T>(promise: Promise<T>, ms: number, what: string, output: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not happen within ${ms} ms:\n${output()}`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Never leaves a sandbox behind, whatever the test found. */
function cleanUp(launched: Launched): void {
  if (isRunning(launched.pid)) process.kill(launched.pid, 'SIGKILL');
  if (launched.launcher.exitCode === null && launched.launcher.signalCode === null) launched.launcher.kill('SIGKILL');
}

async function assertServes(url: string): Promise<void> {
  const answer = await fetch(`${url}/api/v2/products`, { headers: { authorization: 'Bearer sk_test_paid_sandbox_dev' } });
  assert.equal(answer.status, 200);
  await answer.arrayBuffer();
}

describe('stopping the sandbox CLI', { concurrency: true }, () => {
  test('killing an npx-like launcher (npm environment, sh -c, no signal passed on) stops the sandbox and frees its port', async () => {
    const launched = await launch('npm');
    try {
      assert.notEqual(launched.pid, launched.launcher.pid, 'the sandbox is not the launcher itself');
      assert.notEqual(parentOf(launched.pid), launched.launcher.pid, 'a shell stands between them, as under npm');
      await assertServes(launched.url);
      launched.launcher.kill('SIGTERM');
      await within(launched.allExited, 15_000, 'the sandbox exiting after its launcher', launched.output);
      assert.match(launched.output(), /the process that started it \(\d+\) exited, stopping/);
      assert.equal(isRunning(launched.pid), false);
      assert.equal(await portIsFree(Number(new URL(launched.url).port)), true, 'the port is free');
    } finally {
      cleanUp(launched);
    }
  });

  test('killing the process that spawned it directly stops the sandbox too', async () => {
    const launched = await launch('direct');
    try {
      await assertServes(launched.url);
      launched.launcher.kill('SIGKILL');
      await within(launched.allExited, 15_000, 'the sandbox exiting after its parent', launched.output);
      assert.equal(isRunning(launched.pid), false);
    } finally {
      cleanUp(launched);
    }
  });

  test('the banner prints the process id, and `kill <pid>` stops the sandbox with exit code 0', async () => {
    const launched = await launch('none');
    try {
      assert.equal(launched.pid, launched.launcher.pid);
      await assertServes(launched.url);
      const exit = once(launched.launcher, 'exit');
      process.kill(launched.pid, 'SIGTERM');
      const [code, signal] = await within(exit, 10_000, 'the exit after kill', launched.output);
      assert.deepEqual({ code, signal }, { code: 0, signal: null }, launched.output());
    } finally {
      cleanUp(launched);
    }
  });
});
