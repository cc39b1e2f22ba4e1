import net from 'node:net';

/**
 * A TCP proxy on 127.0.0.1 that a test can cut and restore, to take PostgreSQL or Redis "down"
 * for one app without touching the machine's shared servers. While cut, open connections are
 * destroyed and new ones are accepted and closed at once, as a server that went away would.
 */
export class TcpProxy {
  private server?: net.Server;
  private readonly sockets = new Set<net.Socket>();
  private down: false | 'close' | 'reset' = false;
  port = 0;

  constructor(private readonly target: { host: string; port: number }) {}

  async start(): Promise<this> {
    this.server = net.createServer((client) => {
      if (this.down) return void this.end(client);
      const upstream = net.connect(this.target.port, this.target.host);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server!.address() as net.AddressInfo).port;
    return this;
  }

  get address(): string {
    return `127.0.0.1:${this.port}`;
  }

  /**
   * Take the service "down". `close` ends connections as a server that closed them would;
   * `reset` answers with a TCP RST, as a host whose server died answers the next packet, so
   * clients see ECONNRESET/EPIPE errors rather than an orderly close.
   */
  cut(how: 'close' | 'reset' = 'close'): void {
    this.down = how;
    for (const s of this.sockets) this.end(s);
    this.sockets.clear();
  }

  private end(socket: net.Socket): void {
    if (this.down === 'reset' && !socket.destroyed) socket.resetAndDestroy();
    else socket.destroy();
  }

  restore(): void {
    this.down = false;
  }

  async stop(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}
