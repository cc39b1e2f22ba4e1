import type { Pool, PoolClient } from 'pg';

/**
 * Gives the pool back a connection that dies while checked out.
 *
 * When PostgreSQL restarts (or the network drops) in the middle of a transaction, its COMMIT or
 * ROLLBACK fails, and Kysely, which MikroORM runs its queries on, releases the connection only
 * after those succeed. The dead client then stayed checked out for good: after one restart under
 * load 7 of the 10 connections were gone until the process restarted, a second could take the
 * rest (every request SERVICE_UNAVAILABLE), and closing the pool waited for them for ever.
 *
 * So a client that errors or ends while checked out is released here, with the error (the pool
 * then discards it), and its holder's own release, if it ever comes, does nothing.
 */
export function releaseDeadClients(pool: Pool): void {
  const checkedOut = new Set<PoolClient>();
  pool.on('acquire', (client) => checkedOut.add(client));
  pool.on('release', (_err, client) => checkedOut.delete(client));
  pool.on('remove', (client) => checkedOut.delete(client));
  pool.on('connect', (client) => {
    const dead = (err: Error) => {
      // An idle client is the pool's own business: it discards it on its 'error'.
      if (!checkedOut.delete(client)) return;
      const release = client.release;
      client.release = () => undefined;
      release.call(client, err);
    };
    client.on('error', dead);
    client.on('end', () => dead(new Error('PostgreSQL connection ended')));
  });
}
