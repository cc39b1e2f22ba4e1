import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * TEST_PGBOUNCER=1: the app under test (API and workers) reaches PostgreSQL through a PgBouncer
 * in transaction pooling, as a deployment with many API processes would (README, "Behind
 * PgBouncer"). Debian's `pgbouncer` binary, started here on a free port with every database
 * name routed to the run's server; the harness's own set-up (create and drop the test
 * databases) and the tests' direct checks keep their direct connection.
 */
export interface PgBouncer {
  /** host:port to put in the app's DATABASE_URL. */
  hostPort: string;
  stop(): Promise<void>;
}

export function pgbouncerWanted(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.TEST_PGBOUNCER === '1';
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export async function startPgBouncer(serverUrl: string): Promise<PgBouncer> {
  const bin = ['/usr/sbin/pgbouncer', '/usr/bin/pgbouncer'].find((p) => spawnSync(p, ['--version']).status === 0);
  if (!bin) throw new Error('TEST_PGBOUNCER=1 needs pgbouncer (apt-get install -y pgbouncer)');
  const server = new URL(serverUrl);
  const user = decodeURIComponent(server.username || 'postgres');
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'pgbouncer-'));
  chmodSync(dir, 0o755);
  writeFileSync(join(dir, 'users.txt'), `"${user}" "${decodeURIComponent(server.password)}"\n`);
  writeFileSync(
    join(dir, 'pgbouncer.ini'),
    [
      '[databases]',
      // Every database name (each test file makes its own) to the run's server.
      `* = host=${server.hostname} port=${server.port || 5432}`,
      '[pgbouncer]',
      'listen_addr = 127.0.0.1',
      `listen_port = ${port}`,
      'unix_socket_dir =',
      'pool_mode = transaction',
      `auth_type = ${server.password ? 'plain' : 'trust'}`,
      `auth_file = ${join(dir, 'users.txt')}`,
      'max_client_conn = 2000',
      'default_pool_size = 20',
      // A dropped test database's pool goes at once, not after the default hour.
      'server_lifetime = 60',
      'server_idle_timeout = 5',
      'autodb_idle_timeout = 5',
      'ignore_startup_parameters = extra_float_digits,options,statement_timeout',
      'log_connections = 0',
      'log_disconnections = 0',
      `admin_users = ${user}`,
      '',
    ].join('\n'),
  );
  // PgBouncer refuses to run as root; as root it switches to the postgres system user (-u).
  const asRoot = process.getuid?.() === 0;
  const child: ChildProcess = spawn(bin, [...(asRoot ? ['-u', 'postgres'] : []), join(dir, 'pgbouncer.ini')], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`pgbouncer exited ${child.exitCode}: ${output}`);
    const up = await new Promise<boolean>((resolve) => {
      const s = net.connect({ host: '127.0.0.1', port }, () => (s.destroy(), resolve(true)));
      s.once('error', () => resolve(false));
    });
    if (up) break;
    if (Date.now() > deadline) throw new Error(`pgbouncer did not listen on ${port}: ${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    hostPort: `127.0.0.1:${port}`,
    stop: async () => {
      if (child.exitCode === null) {
        const gone = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGINT');
        await gone;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
