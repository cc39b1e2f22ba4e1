import net from 'node:net';

/**
 * A TCP proxy on 127.0.0.1 that can go silent: after freeze() it keeps every connection open and
 * forwards nothing either way, as a server that hangs (or a network path that black-holes) would.
 * Unlike test/support/tcp-proxy.ts, which closes connections, this is what makes calls wait forever.
 */
export class FreezableProxy {
  private server?: net.Server;
  private readonly sockets = new Set<net.Socket>();
  private frozen = false;
  port = 0;

  constructor(private readonly target: { host: string; port: number }) {}

  async start(): Promise<this> {
    this.server = net.createServer((client) => {
      const upstream = net.connect(this.target.port, this.target.host);
      for (const [from, to] of [
        [client, upstream],
        [upstream, client],
      ] as const) {
        this.sockets.add(from);
        from.on('data', (chunk) => {
          if (!this.frozen) to.write(chunk);
        });
        from.on('error', () => undefined);
        from.on('close', () => {
          this.sockets.delete(from);
          if (!this.frozen) to.destroy();
        });
      }
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server!.address() as net.AddressInfo).port;
    return this;
  }

  freeze(): void {
    this.frozen = true;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}
