/** Small helpers shared by the service finders and starters in src/infra. */
import fs from 'node:fs/promises';
import net from 'node:net';
import { Redis } from 'ioredis';
import pg from 'pg';

export const LOCALHOST = '127.0.0.1';

/** Connects, runs `select 1`, disconnects; throws on any failure (the pg error keeps its `code`). */
export async function pgCheck(url: string, timeoutMs: number): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  // A connection dropped after connect() emits 'error'; the awaited calls below report failures.
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('select 1');
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Connects, expects PONG, disconnects; throws on any failure. */
export async function redisPing(url: string, timeoutMs: number): Promise<void> {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null, // a probe: never reconnect
  });
  // Errors are reported through the rejected promises below; without a listener ioredis prints them.
  client.on('error', () => undefined);
  try {
    await withTimeout(
      (async () => {
        await client.connect();
        const reply = await client.ping();
        if (reply !== 'PONG') throw new Error(`unexpected PING reply ${JSON.stringify(reply)}`);
      })(),
      timeoutMs + 500,
      `no answer within ${timeoutMs} ms`,
    );
  } finally {
    client.disconnect();
  }
}

export function parsePort(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`${name} must be a TCP port (1-65535), got ${JSON.stringify(raw)}`);
  return port;
}

/** True if something accepts TCP connections on 127.0.0.1:port. */
export function portAcceptsTcp(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: LOCALHOST, port });
    const done = (result: boolean) => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function exists(file: string): Promise<boolean> {
  return fs.access(file).then(
    () => true,
    () => false,
  );
}

/** Calls `fn` until it succeeds, `totalMs` has passed or `giveUp()` says so; rethrows the last error. */
export async function retry(fn: () => Promise<void>, totalMs: number, intervalMs = 150, giveUp: () => boolean = () => false): Promise<void> {
  const deadline = Date.now() + totalMs;
  for (;;) {
    try {
      return await fn();
    } catch (err) {
      if (Date.now() >= deadline || giveUp()) throw err;
      await new Promise((r) => setTimeout(r, intervalMs));
    }
  }
}

export async function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The URL with any password replaced by ***, for messages. */
export function redactUrl(raw: string): string {
  try {
    const url = new URL(raw);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return '<not a valid URL>';
  }
}

/** Removes the URL's password (raw and decoded) from a message, in case a driver echoes it. */
export function scrub(message: string, rawUrl: string): string {
  let password = '';
  try {
    password = new URL(rawUrl).password;
  } catch {
    // not a URL: nothing we can identify as a password
  }
  if (!password) return message;
  let decoded = password;
  try {
    decoded = decodeURIComponent(password);
  } catch {
    // keep the raw form
  }
  return message.split(password).join('***').split(decoded).join('***');
}

export function errorMessage(err: unknown): string {
  if (err instanceof AggregateError && err.errors.length > 0) return err.errors.map(errorMessage).join('; ');
  if (err instanceof Error) return err.message || err.name;
  return err === undefined ? 'no error detail' : String(err);
}

/** Last `max` lines of a child's output, for error messages. */
export class TailBuffer {
  private lines: string[] = [];
  private readonly max: number;
  constructor(max: number) {
    this.max = max;
  }
  push(text: string): void {
    this.lines.push(...text.split('\n').filter((l) => l.trim() !== ''));
    if (this.lines.length > this.max) this.lines = this.lines.slice(-this.max);
  }
  text(): string {
    return this.lines.join('\n');
  }
}

/** What the service finders share: the environment, where data lives, the logger. */
export interface ServiceContext {
  env: NodeJS.ProcessEnv;
  dataDir: string;
  log: (msg: string) => void;
  forceEmbedded: boolean;
  isRoot: boolean;
}

/** What one finder found: the URL and, if it started something, how to stop it. */
export interface Resolved {
  url: string;
  started?: { description: string; stop: () => Promise<void> };
}
