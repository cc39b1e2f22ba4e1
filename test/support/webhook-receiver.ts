import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedHook {
  key: string;
  signatureValid: boolean;
  body: any;
}

/** A webhook endpoint on 127.0.0.1 that records every call and checks its HMAC signature. */
export async function startWebhookReceiver(secret: string, opts: { status?: () => number; holdMs?: () => number } = {}) {
  const calls: ReceivedHook[] = [];
  let onCall: (() => void) | undefined;
  const server: Server = createServer((req, res) => {
    let text = '';
    req.on('data', (c) => (text += c));
    req.on('end', async () => {
      const expected = createHmac('sha256', secret).update(`${req.headers['x-timestamp']}.${text}`).digest('hex');
      calls.push({ key: String(req.headers['idempotency-key']), signatureValid: req.headers['x-signature'] === `sha256=${expected}`, body: JSON.parse(text) });
      onCall?.();
      const hold = opts.holdMs?.() ?? 0;
      if (hold) await new Promise((r) => setTimeout(r, hold));
      res.writeHead(opts.status?.() ?? 204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    calls,
    nextCall: () => new Promise<void>((r) => (onCall = r)),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** Poll until a condition holds (jobs run asynchronously); fails after `ms`. */
export async function eventually<T>(probe: () => Promise<T>, ok: (v: T) => boolean, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`condition not met in ${ms} ms; last value: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
