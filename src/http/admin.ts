import { errorBody } from './errors.js';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request, Response } from 'express';
import { PLATFORM_TENANT } from '../auth/roles.js';
import type { TokenService } from '../auth/tokens.js';
import type { JobSystem } from '../jobs/job-system.js';

export const ADMIN_QUEUES_PATH = '/admin/queues';
const LOGIN_PATH = `${ADMIN_QUEUES_PATH}/login`;
const COOKIE = 'ts_admin';
/** A token pasted into the form is at most this long (a JWT is a few hundred bytes). */
const MAX_FORM_BYTES = 16 * 1024;

/**
 * Bull Board, the queue dashboard, for platform admins only: the operators of the deployment,
 * whose token names the reserved tenant `platform` (src/auth/tokens.ts). A tenant's token,
 * whatever its roles, is refused: the queues hold every tenant's jobs.
 *
 * A browser opens `/admin/queues`, pastes the token into a form that POSTs it (never into the
 * URL, where proxies and browser history keep it), and gets an HttpOnly, Secure, SameSite=Strict
 * cookie scoped to this path that expires with the token. API clients send the bearer header.
 */
export function createQueueDashboard(jobs: JobSystem, tokens: TokenService) {
  // Loaded when a platform admin first opens it: Bull Board and Express are a tenth of what
  // loading the server costs, and most processes never serve this page.
  let board: Promise<(req: Request, res: Response) => void> | undefined;
  const dashboard = () =>
    (board ??= (async () => {
      const [{ createBullBoard }, { BullMQAdapter }, { ExpressAdapter }, { default: express }] = await Promise.all([import('@bull-board/api'), import('@bull-board/api/bullMQAdapter'), import('@bull-board/express'), import('express')]);
      const adapter = new ExpressAdapter();
      adapter.setBasePath(ADMIN_QUEUES_PATH);
      // Chinese first: the operators and commission staff who read it (bull-board ships zh-CN).
      createBullBoard({ queues: Object.values(jobs.queues).map((q) => new BullMQAdapter(q)), serverAdapter: adapter, options: { uiConfig: { boardTitle: '任务队列 Job queues', locale: { lng: 'zh-CN' } } } });
      const app = express();
      app.disable('x-powered-by');
      app.use(ADMIN_QUEUES_PATH, adapter.getRouter());
      return app;
    })());

  const deny = (res: ServerResponse, status: number, message: string) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(errorBody(message, { code: status === 401 ? 'UNAUTHENTICATED' : status === 403 ? 'FORBIDDEN' : 'BAD_REQUEST' })));
  };

  /** The claims of a platform admin's token, or the refusal already sent. */
  const platformAdmin = async (res: ServerResponse, token: string): Promise<{ exp: number } | null> => {
    try {
      const claims = await tokens.verify(token);
      if (claims.tenant !== PLATFORM_TENANT) {
        deny(res, 403, `The queue dashboard is for platform admins; a token of tenant "${claims.tenant}" cannot open it`);
        return null;
      }
      return { exp: tokens.expiryOf(token) };
    } catch {
      deny(res, 401, 'Invalid token');
      return null;
    }
  };

  return async function handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (url.searchParams.has('token')) return deny(res, 400, `Do not put a token in the URL; open ${ADMIN_QUEUES_PATH} and paste it into the form`);
    if (url.pathname === LOGIN_PATH && req.method === 'POST') {
      const token = await readFormToken(req);
      if (!token) return deny(res, 400, 'Send the form field "token"');
      const admin = await platformAdmin(res, token);
      if (!admin) return;
      const maxAge = Math.max(0, admin.exp - Math.floor(Date.now() / 1000));
      res.writeHead(303, { location: ADMIN_QUEUES_PATH, 'set-cookie': `${COOKIE}=${token}; Path=${ADMIN_QUEUES_PATH}; HttpOnly; Secure; SameSite=Strict; Max-Age=${maxAge}` });
      res.end();
      return;
    }
    const fromCookie = (req.headers.cookie ?? '').split(/;\s*/).find((c) => c.startsWith(`${COOKIE}=`))?.slice(COOKIE.length + 1);
    const fromHeader = req.headers.authorization?.match(/^Bearer\s+(.+)$/i)?.[1];
    const token = fromHeader ?? fromCookie;
    if (!token) {
      if ((req.headers.accept ?? '').includes('text/html')) return loginPage(res);
      return deny(res, 401, `Send a platform admin's bearer token, or open ${ADMIN_QUEUES_PATH} in a browser`);
    }
    if (!(await platformAdmin(res, token))) return;
    (await dashboard())(req as Request, res as Response);
  };
}

function loginPage(res: ServerResponse): void {
  const html = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>队列看板 Queue dashboard</title></head>
<body><form method="post" action="${LOGIN_PATH}"><label>平台管理员令牌 Platform admin token <input name="token" type="password" autocomplete="off" required></label>
<button type="submit">打开 Open</button></form><p>npm run token -- --role platform-admin</p></body></html>`;
  res.writeHead(401, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(html);
}

async function readFormToken(req: IncomingMessage): Promise<string | null> {
  let body = '';
  for await (const chunk of req) {
    body += chunk;
    if (body.length > MAX_FORM_BYTES) return null;
  }
  const token = new URLSearchParams(body).get('token')?.trim();
  return token && /^[\w-]+\.[\w-]+\.[\w-]+$/.test(token) ? token : null;
}
