// The README's package quick start, read from README.md (its commands, the file it has you save,
// the URLs and the test card it names), and what it takes to run it as a person would: the packed
// package, a fresh terminal's environment, long-running commands and their output, the ports.
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { delimiter, join } from 'node:path';
import { repoRoot } from './sandbox.ts';

const quickStartHeading = /^## Quick start\b/;

export interface QuickStart {
  /** Each line of the section's `sh` blocks, in the README's order. */
  commands: string[];
  /** The `js` block whose first line names its file (`// shop.mjs — …`): that name, and the block as written. */
  file: { name: string; source: string };
  /** Where the README says the sandbox listens (`prints its URL (…)`). */
  sandboxUrl: string;
  /** The page the README tells you to open (`Open \`http://localhost:…\``). */
  shopUrl: string;
  /** The test card the README tells you to pay with. */
  testCard: string;
}

function found(text: string, pattern: RegExp, what: string): string {
  const match = pattern.exec(text);
  if (!match?.[1]) throw new Error(`README.md's quick start no longer says ${what} (looked for ${pattern})`);
  return match[1];
}

/** The quick-start section of a README (from its `## Quick start` heading to the next `## `). */
export function quickStartSection(readme: string): string {
  const lines = readme.split('\n');
  const start = lines.findIndex((line) => quickStartHeading.test(line));
  if (start === -1) throw new Error('README.md has no "## Quick start" section');
  const end = lines.findIndex((line, index) => index > start && line.startsWith('## '));
  return lines.slice(start, end === -1 ? undefined : end).join('\n');
}

export function readQuickStart(readmePath = join(repoRoot, 'README.md')): QuickStart {
  const section = quickStartSection(readFileSync(readmePath, 'utf8'));
  const blocks = [...section.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map((match) => ({ language: match[1]!, body: match[2]! }));
  const commands = blocks
    .filter((block) => block.language === 'sh')
    .flatMap((block) => block.body.split('\n'))
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const files = blocks.flatMap((block) => {
    const name = block.language === 'js' ? /^\/\/\s*([\w.-]+\.m?js)\b/.exec(block.body)?.[1] : undefined;
    return name ? [{ name, source: block.body }] : [];
  });
  if (files.length !== 1) throw new Error(`README.md's quick start has ${files.length} js blocks that name their file on the first line; expected one`);
  return {
    commands,
    file: files[0]!,
    sandboxUrl: found(section, /prints its URL \(`(http:\/\/[^`]+)`\)/, 'where the sandbox listens'),
    shopUrl: found(section, /Open `(http:\/\/localhost:\d+)\/?`/, 'which page to open'),
    testCard: found(section, /test card\s+`([\d ]+)`/, 'which test card to pay with'),
  };
}

/** A command's words; only plain words, so that splitting on spaces is what a shell would do. */
export function wordsOf(command: string): string[] {
  const words = command.split(/\s+/);
  const unplain = words.find((word) => !/^[\w@./:=+-]+$/.test(word));
  if (unplain !== undefined) throw new Error(`the quick start's command \`${command}\` has "${unplain}", which needs a shell: this test runs plain words`);
  return words;
}

/** The exact versions this repository's package.json pins, by package name. */
function pinnedVersions(): Map<string, string> {
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>;
  return new Map(Object.entries({ ...pkg.dependencies, ...pkg.devDependencies }));
}

/**
 * The README's `npm install …` with the tarball's path in place of the registry name
 * `paid-checkout`, every other package at the version this repository pins, and flags that change
 * only how npm fetches and what it prints.
 */
export function installWords(command: string, tarball: string): string[] {
  const [npm, verb, ...packages] = wordsOf(command);
  if (npm !== 'npm' || verb !== 'install') throw new Error(`not an npm install: \`${command}\``);
  if (!packages.includes('paid-checkout')) throw new Error(`the quick start's \`${command}\` does not install paid-checkout`);
  const pins = pinnedVersions();
  const specs = packages.map((name) => {
    if (name === 'paid-checkout') return tarball;
    const version = pins.get(name);
    if (!version || !/^\d+\.\d+\.\d+$/.test(version)) throw new Error(`the quick start installs ${name}, which package.json does not pin to an exact version`);
    return `${name}@${version}`;
  });
  return ['npm', 'install', ...specs, '--prefer-offline', '--no-audit', '--no-fund'];
}

/**
 * process.env as a new terminal would have it: without what `npm run` adds (npm_* settings, which
 * npm and npx read as their own config, INIT_CWD, node_modules/.bin on PATH) and without NODE_OPTIONS.
 */
export function freshTerminalEnv(): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name) && name !== 'INIT_CWD' && name !== 'NODE_OPTIONS'),
  );
  env.PATH = (process.env.PATH ?? '')
    .split(delimiter)
    .filter((entry) => !entry.includes('node_modules/.bin') && !entry.includes('node-gyp-bin'))
    .join(delimiter);
  return env;
}

/** How a process ended: its code, or the signal that ended it. */
export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface Launched {
  /** The command, as run. */
  words: string[];
  child: ChildProcess;
  /** What it printed so far, stdout and stderr interleaved. */
  output(): string;
  exited: Promise<Exit>;
}

export function launch(words: string[], cwd: string): Launched {
  const [command, ...args] = words;
  if (!command) throw new Error('an empty command');
  const child = spawn(command, args, { cwd, env: freshTerminalEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<Exit>((resolve) => {
    child.once('error', (error) => {
      output += `\n${String(error)}`;
      resolve({ code: null, signal: null });
    });
    child.once('close', (code, signal) => resolve({ code, signal }));
  });
  return { words, child, output: () => output, exited };
}

/** Its exit, or 'timeout': every wait on a process is bounded, so that cleanup always gets to run. */
export function exitWithin(launched: Launched, timeoutMs: number): Promise<Exit | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    launched.exited.finally(() => clearTimeout(timer)),
    new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs))),
  ]);
}

function isRunning(launched: Launched): boolean {
  return launched.child.exitCode === null && launched.child.signalCode === null && launched.child.pid !== undefined;
}

function printed(launched: Launched): string {
  return `\`${launched.words.join(' ')}\` printed:\n${launched.output()}`;
}

/** Runs a command to its end; throws with its output unless it exits 0 within `timeoutMs`. */
export async function runToEnd(words: string[], cwd: string, timeoutMs: number): Promise<string> {
  const launched = launch(words, cwd);
  const outcome = await exitWithin(launched, timeoutMs);
  if (outcome === 'timeout') {
    await stopTree(launched);
    throw new Error(`${words.join(' ')} took more than ${timeoutMs} ms; ${printed(launched)}`);
  }
  if (outcome.code !== 0) throw new Error(`exit ${outcome.code ?? outcome.signal}: ${printed(launched)}`);
  return launched.output();
}

/** Resolves with the first match of `pattern` in the output; rejects when it exits or after `timeoutMs`. */
export function waitForOutput(launched: Launched, pattern: RegExp, timeoutMs: number): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const match = pattern.exec(launched.output());
      if (match) finish(() => resolve(match));
      return match !== null;
    };
    const onData = (): void => void check();
    const timer = setTimeout(() => finish(() => reject(new Error(`no ${pattern} within ${timeoutMs} ms; ${printed(launched)}`))), timeoutMs);
    const finish = (settle: () => void): void => {
      clearTimeout(timer);
      launched.child.stdout?.off('data', onData);
      launched.child.stderr?.off('data', onData);
      settle();
    };
    // After the launcher's own listeners (added first), so the output already holds the chunk.
    launched.child.stdout?.on('data', onData);
    launched.child.stderr?.on('data', onData);
    void launched.exited.then(({ code, signal }) => {
      if (!check()) finish(() => reject(new Error(`exited (${code ?? signal}) before printing ${pattern}; ${printed(launched)}`)));
    });
    check();
  });
}

/** Fails with a clear message when something already listens on a port the README names. */
export async function assertPortFree(port: number, host: string | undefined, role: string): Promise<void> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      const why = error.code === 'EADDRINUSE' ? 'it is taken on this machine' : `binding it fails (${error.code ?? String(error)})`;
      reject(new Error(`the README's quick start needs port ${port} for ${role}, but ${why}. This test runs the README as written ` +
        `and does not move to another port: stop what listens there (\`ss -ltnp 'sport = :${port}'\`) and run it again.`));
    });
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve()));
  });
}

export async function isListening(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Resolves once the port accepts connections; rejects if the command exits first or after `timeoutMs`. */
export async function waitUntilListening(port: number, host: string, launched: Launched, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await isListening(port, host))) {
    if (!isRunning(launched)) throw new Error(`exited before listening on ${host}:${port}; ${printed(launched)}`);
    if (Date.now() > deadline) throw new Error(`not listening on ${host}:${port} after ${timeoutMs} ms; ${printed(launched)}`);
    // A poll of the port's state, not a wait for time to pass: a server that prints nothing gives no other signal.
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** pid → parent pid, for every process /proc shows. */
function parentsByPid(): Map<number, number> {
  const parents = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // `pid (name) state ppid …`; the name may hold spaces and parentheses.
      parents.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // Gone between the listing and the read.
    }
  }
  return parents;
}

/** Whether `ancestor` started `pid`, directly or through its children. */
export function isDescendantOf(pid: number, ancestor: number): boolean {
  const parents = parentsByPid();
  for (let current = parents.get(pid); current !== undefined && current > 1; current = parents.get(current)) {
    if (current === ancestor) return true;
  }
  return false;
}

/** The processes a launched command started (npx's shell and the sandbox), children first. */
function descendantsOf(pid: number): number[] {
  const parents = parentsByPid();
  const below = (parent: number): number[] =>
    [...parents].filter(([, ppid]) => ppid === parent).flatMap(([child]) => [...below(child), child]);
  return below(pid);
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // Already gone.
  }
}

/**
 * Ends a launched command and whatever it started, each by its id: SIGTERM, then SIGKILL for
 * whatever is left after `graceMs`. For cleanup after a failure; it reports nothing.
 */
export async function stopTree(launched: Launched, graceMs = 5_000): Promise<void> {
  const pid = launched.child.pid;
  if (pid === undefined || !isRunning(launched)) return;
  const tree = [...descendantsOf(pid), pid];
  for (const id of tree) signal(id, 'SIGTERM');
  if ((await exitWithin(launched, graceMs)) === 'timeout') {
    for (const id of tree) signal(id, 'SIGKILL');
    await launched.exited;
  }
}
