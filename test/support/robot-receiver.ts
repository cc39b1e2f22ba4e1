import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RobotCall {
  kind: 'wecom' | 'dingtalk';
  /** The robot's key (WeCom `key`) or token (DingTalk `access_token`). */
  key: string;
  /** DingTalk: the signature checks out with the robot's secret and a fresh timestamp. */
  signatureValid: boolean | null;
  body: any;
}

/**
 * WeCom and DingTalk group-robot webhooks on 127.0.0.1, answering as they do (`errcode` 0 when
 * taken). DingTalk calls are checked as DingTalk checks them: HMAC-SHA256 over
 * `timestamp + "\n" + secret` with the secret, base64, URL-encoded, within an hour.
 */
export async function startRobotReceiver(dingtalkSecret: string, opts: { answer?: (call: RobotCall) => { errcode: number; errmsg: string } } = {}) {
  const calls: RobotCall[] = [];
  const server: Server = createServer((req, res) => {
    let text = '';
    req.on('data', (c) => (text += c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const wecom = url.pathname === '/cgi-bin/webhook/send';
      let signatureValid: boolean | null = null;
      if (!wecom) {
        const ts = Number(url.searchParams.get('timestamp'));
        const expected = createHmac('sha256', dingtalkSecret).update(`${ts}\n${dingtalkSecret}`).digest('base64');
        signatureValid = url.searchParams.get('sign') === expected && Math.abs(Date.now() - ts) < 3600_000;
      }
      const call: RobotCall = { kind: wecom ? 'wecom' : 'dingtalk', key: url.searchParams.get(wecom ? 'key' : 'access_token') ?? '', signatureValid, body: JSON.parse(text) };
      calls.push(call);
      const answer = signatureValid === false ? { errcode: 310000, errmsg: 'sign not match' } : (opts.answer?.(call) ?? { errcode: 0, errmsg: 'ok' });
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    wecomUrl: (key: string) => `${base}/cgi-bin/webhook/send?key=${key}`,
    dingtalkUrl: (token: string) => `${base}/robot/send?access_token=${token}`,
    calls,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
