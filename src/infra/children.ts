/**
 * The servers we start (embedded PostgreSQL, redis-server) must not outlive the process that
 * started them, however it ends:
 * - On Linux each runs under `setpriv --pdeathsig`, so the kernel signals it when our process
 *   dies, even by SIGKILL. It also gets a process group of its own, so a Ctrl-C in the terminal
 *   reaches only us and the app drains before it stops its servers.
 * - Everywhere, on 'exit' we signal every child still running (synchronously). Without the
 *   kernel's guard we also do so on SIGINT/SIGTERM/SIGHUP when nothing else handles them, and die
 *   by that signal. (With it we leave signals alone: a listener would undo `nohup`'s SIG_IGN.)
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { TailBuffer } from './util.js';

export interface ServerProcess {
  readonly child: ChildProcess;
  /** Why it exited, once it has ('exited with code 1', 'could not run it: …'). */
  exited(): string | undefined;
  /** Its last lines of output, for error messages. */
  output(): string;
  /** Its stop signal, then SIGKILL after `graceMs`; resolves once it has exited. Idempotent. */
  stop(graceMs: number): Promise<void>;
}

export interface SpawnServerOptions {
  /** The signal that shuts it down cleanly (PostgreSQL: SIGINT, a fast shutdown; Redis: SIGTERM). */
  stopSignal: NodeJS.Signals;
  env?: NodeJS.ProcessEnv;
  uid?: number;
  gid?: number;
  /** Called when it exits without being asked to. */
  onUnexpectedExit?: (why: string) => void;
}

let setpriv: string | null | undefined;
/** The path of util-linux `setpriv` if it has --pdeathsig (2.33+, most Linux systems), else null. */
function setprivPath(): string | null {
  if (setpriv !== undefined) return setpriv;
  setpriv = null;
  if (process.platform !== 'linux') return setpriv;
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter).filter(Boolean), '/usr/bin', '/bin'];
  // An absolute path: the children's own environment may lack PATH.
  const found = dirs.map((d) => path.join(d, 'setpriv')).find((file) => fs.existsSync(file));
  if (found && spawnSync(found, ['--pdeathsig', 'SIGTERM', '--', 'true'], { stdio: 'ignore' }).status === 0) setpriv = found;
  return setpriv;
}

/** Whether the servers we start die with us even when we are killed outright (SIGKILL): Linux with util-linux setpriv. */
export function serversDieWithUs(): boolean {
  return setprivPath() !== null;
}

export function spawnServer(binary: string, args: string[], opts: SpawnServerOptions): ServerProcess {
  const guard = setprivPath();
  const guarded = guard !== null;
  const [command, argv] = guard ? [guard, ['--pdeathsig', opts.stopSignal, '--', binary, ...args]] : [binary, args];
  const child = spawn(command, argv, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: opts.env,
    uid: opts.uid,
    gid: opts.gid,
    // Without the kernel's guard, staying in our process group at least lets a terminal's Ctrl-C reach it.
    detached: guarded,
  });
  const tail = new TailBuffer(40);
  // Keep draining the pipes (a full pipe would block the server) and keep the tail for errors.
  child.stdout?.on('data', (chunk: Buffer) => tail.push(chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => tail.push(chunk.toString('utf8')));
  let exited: string | undefined;
  let stopping: Promise<void> | undefined;
  const entry = { child, stopSignal: opts.stopSignal };
  registry.add(entry);
  child.once('error', (err) => {
    exited ??= `could not run it: ${err.message}`;
    registry.delete(entry);
  });
  child.once('exit', (code, signal) => {
    exited ??= `exited with ${signal ?? `code ${code}`}`;
    registry.delete(entry);
    if (!stopping) opts.onUnexpectedExit?.(exited);
  });
  return {
    child,
    exited: () => exited,
    output: () => tail.text(),
    stop: (graceMs) => (stopping ??= terminate(child, opts.stopSignal, graceMs)),
  };
}

/** `signal`, then SIGKILL after `graceMs`; resolves once the child has exited. */
async function terminate(child: ChildProcess, signal: NodeJS.Signals, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  signalChild(child, signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  try {
    await exited;
  } finally {
    clearTimeout(timer);
  }
}

/** Sends `signal` and wakes the child up in case it is stopped (SIGSTOP), so that it acts on it. */
function signalChild(child: ChildProcess, signal: NodeJS.Signals): void {
  child.kill(signal);
  child.kill('SIGCONT');
}

const EXIT_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/**
 * Children still running. Listening for a signal replaces Node's default "die", so the signal
 * listener only acts when it is the sole one (it signals the children and re-raises the signal);
 * when the application handles the signal, its handler ends in process.exit() and the 'exit'
 * hook covers it, while the children stay usable during its graceful shutdown.
 */
const registry = (() => {
  const children = new Set<{ child: ChildProcess; stopSignal: NodeJS.Signals }>();
  const signalAll = (): void => {
    for (const { child, stopSignal } of children) if (child.exitCode === null && child.signalCode === null) signalChild(child, stopSignal);
  };
  const onSignal = (signal: NodeJS.Signals): void => {
    if (process.listenerCount(signal) > 1) return;
    signalAll();
    unhook();
    process.kill(process.pid, signal);
  };
  const hook = (): void => {
    process.on('exit', signalAll);
    if (setprivPath() === null) for (const signal of EXIT_SIGNALS) process.on(signal, onSignal);
  };
  const unhook = (): void => {
    process.off('exit', signalAll);
    for (const signal of EXIT_SIGNALS) process.off(signal, onSignal);
  };
  return {
    add(entry: { child: ChildProcess; stopSignal: NodeJS.Signals }): void {
      if (children.size === 0) hook();
      children.add(entry);
    },
    delete(entry: { child: ChildProcess; stopSignal: NodeJS.Signals }): void {
      if (children.delete(entry) && children.size === 0) unhook();
    },
  };
})();
