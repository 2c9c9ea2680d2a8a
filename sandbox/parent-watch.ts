// Tells the CLI when the process that launched it is gone. `npx paid-checkout-sandbox &` then
// `kill $!` kills npm, which does not pass the signal on: the sandbox, left behind, would keep
// its port. So it watches its parent and, when npm launched it, every process up to npm.
import { readFileSync } from 'node:fs';

/** How often the launchers are looked at. */
const WATCH_INTERVAL_MS = 250;

interface ProcessInfo {
  parentPid: number;
  /** Running or sleeping, not a zombie waiting to be reaped. */
  alive: boolean;
  /** Whether npm's environment (`npm_command`) was in the process's own at its start. */
  underNpm: boolean;
}

/** From /proc (Linux); null where there is none or the process is gone. */
function processInfo(pid: number): ProcessInfo | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // `pid (name) state ppid …`; the name may hold spaces and parentheses.
    const [state = '', parentPid = '0'] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    let underNpm = false;
    try {
      underNpm = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').some((entry) => entry.startsWith('npm_command='));
    } catch {
      // Another user's process: not one npm started for us.
    }
    return { parentPid: Number(parentPid), alive: state !== 'Z' && state !== 'X', underNpm };
  } catch {
    return null;
  }
}

/**
 * The processes whose end should end the sandbox: its parent and, while an ancestor still carries
 * npm's environment (a shell, tsx), the next one up, up to npm itself. Only the parent where there
 * is no /proc (macOS), where a parent's end shows as a new parent pid instead.
 */
function launchers(): number[] {
  const watched = [process.ppid];
  if (!process.env.npm_command) return watched;
  let current = processInfo(process.ppid);
  for (let depth = 0; current?.underNpm && current.parentPid > 1 && depth < 6; depth += 1) {
    watched.push(current.parentPid);
    current = processInfo(current.parentPid);
  }
  return watched;
}

function isGone(pid: number): boolean {
  const info = processInfo(pid);
  if (info) return !info.alive;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** Calls `onGone` once, when a launcher exits; the timer does not keep the process alive. */
export function watchLaunchers(onGone: (pid: number) => void): () => void {
  const parentAtStart = process.ppid;
  const watched = launchers();
  const timer = setInterval(() => {
    const gone = process.ppid !== parentAtStart ? parentAtStart : watched.find(isGone);
    if (gone === undefined) return;
    clearInterval(timer);
    onGone(gone);
  }, WATCH_INTERVAL_MS);
  timer.unref();
  return () => clearInterval(timer);
}
