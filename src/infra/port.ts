/**
 * Who holds a TCP port, and is the server's own port free, asked before anything else starts:
 * a taken port used to surface as an EADDRINUSE stack trace after the whole start-up.
 */
import fs from 'node:fs/promises';
import net from 'node:net';

/** A taken or forbidden port, with a one-line message meant for the operator. */
export class PortUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PortUnavailableError';
  }
}

/**
 * Throws PortUnavailableError when `host:port` cannot be listened on, naming the process that
 * holds it when /proc shows it. It binds exactly as the server will (same host, same Node call),
 * so it answers what the real listen would; port 0 (any free port) always passes.
 */
export async function assertPortFree(port: number, host: string, setting = 'PORT'): Promise<void> {
  if (port === 0) return;
  const server = net.createServer();
  const error = await new Promise<NodeJS.ErrnoException | undefined>((resolve) => {
    server.once('error', resolve);
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(undefined)));
  });
  if (error) throw await portError(error, port, host, setting);
}

/** The operator's message for a failed listen on `host:port` (EADDRINUSE names the holder). */
export async function portError(error: NodeJS.ErrnoException, port: number, host: string, setting = 'PORT'): Promise<Error> {
  if (error.code === 'EADDRINUSE') {
    const holders = await listenersOf(port);
    const by = holders.length > 0 ? `by ${holders.map((h) => describeProcess(h)).join(', ')}` : '(by a process this user cannot see)';
    return new PortUnavailableError(`port ${port} on ${host} is already in use ${by}; stop it or set ${setting} to a free port`);
  }
  if (error.code === 'EACCES') return new PortUnavailableError(`not allowed to listen on port ${port} on ${host} (ports below 1024 need privileges); set ${setting} to another port`);
  if (error.code === 'EADDRNOTAVAIL') return new PortUnavailableError(`cannot listen on ${host}: no such address on this machine; set HOST to one of its addresses`);
  return error;
}

export interface ProcessInfo {
  pid: number;
  command: string;
}

export function describeProcess(p: ProcessInfo): string {
  return p.command ? `pid ${p.pid} (${p.command})` : `pid ${p.pid}`;
}

/** The command line of a process, or '' when it cannot be read. */
export async function commandOf(pid: number): Promise<string> {
  const raw = await fs.readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
  const command = raw.split('\0').filter(Boolean).join(' ');
  return command.length > 120 ? `${command.slice(0, 117)}...` : command;
}

/** The parent of a process, from /proc (undefined where there is no /proc or it has gone). */
export async function parentOf(pid: number): Promise<ProcessInfo | undefined> {
  const stat = await fs.readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  if (!stat) return undefined;
  // Fields after the command name (which is in parentheses and may contain spaces): state, ppid, …
  const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  return Number.isInteger(ppid) && ppid > 0 ? { pid: ppid, command: await commandOf(ppid) } : undefined;
}

/**
 * Processes with a socket listening on TCP `port` (any address, IPv4 or IPv6): the socket's inode
 * from /proc/net/tcp{,6}, then the process whose fd points at it. Linux only; another user's
 * processes are visible only to root. Returns [] when nothing can be found.
 */
export async function listenersOf(port: number): Promise<ProcessInfo[]> {
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    const text = await fs.readFile(table, 'utf8').catch(() => '');
    for (const line of text.split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      const local = fields[1];
      // State 0A is LISTEN; the local address ends with the port in hex.
      if (!local || fields[3] !== '0A' || Number.parseInt(local.slice(local.lastIndexOf(':') + 1), 16) !== port) continue;
      if (fields[9] && fields[9] !== '0') inodes.add(`socket:[${fields[9]}]`);
    }
  }
  if (inodes.size === 0) return [];
  const found: ProcessInfo[] = [];
  const pids = (await fs.readdir('/proc').catch(() => [] as string[])).filter((name) => /^\d+$/.test(name));
  for (const pid of pids) {
    const fds = await fs.readdir(`/proc/${pid}/fd`).catch(() => [] as string[]);
    for (const fd of fds) {
      const target = await fs.readlink(`/proc/${pid}/fd/${fd}`).catch(() => '');
      if (inodes.has(target)) {
        found.push({ pid: Number(pid), command: await commandOf(Number(pid)) });
        break;
      }
    }
  }
  return found;
}
