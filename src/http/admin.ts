import type { IncomingMessage, ServerResponse } from 'node:http';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import express from 'express';
import { Roles } from '../auth/roles.js';
import type { TokenService } from '../auth/tokens.js';
import type { JobSystem } from '../jobs/job-system.js';

export const ADMIN_QUEUES_PATH = '/admin/queues';
const COOKIE = 'ts_admin';

/**
 * Bull Board, the queue dashboard, for platform admins only. A browser opens
 * `/admin/queues?token=<platform-admin JWT>` once; the token then travels in an HttpOnly cookie
 * scoped to this path. API clients may send the usual bearer header instead.
 */
export function createQueueDashboard(jobs: JobSystem, tokens: TokenService) {
  const adapter = new ExpressAdapter();
  adapter.setBasePath(ADMIN_QUEUES_PATH);
  createBullBoard({ queues: Object.values(jobs.queues).map((q) => new BullMQAdapter(q)), serverAdapter: adapter });
  const app = express();
  app.disable('x-powered-by');
  app.use(ADMIN_QUEUES_PATH, adapter.getRouter());

  return async function handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const fromQuery = url.searchParams.get('token');
    const fromCookie = (req.headers.cookie ?? '').split(/;\s*/).find((c) => c.startsWith(`${COOKIE}=`))?.slice(COOKIE.length + 1);
    const fromHeader = req.headers.authorization?.match(/^Bearer\s+(.+)$/i)?.[1];
    const token = fromHeader ?? fromQuery ?? fromCookie;
    const deny = (status: number, message: string) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ errors: [{ message, extensions: { code: status === 401 ? 'UNAUTHENTICATED' : 'FORBIDDEN' } }] }));
    };
    if (!token) return deny(401, 'Open /admin/queues?token=<platform-admin token>');
    let claims;
    try {
      claims = await tokens.verify(token);
    } catch {
      return deny(401, 'Invalid token');
    }
    if (!claims.roles.includes(Roles.PLATFORM_ADMIN)) return deny(403, 'The queue dashboard is for platform admins');
    if (fromQuery) {
      res.setHeader('set-cookie', `${COOKIE}=${fromQuery}; Path=${ADMIN_QUEUES_PATH}; HttpOnly; SameSite=Strict; Max-Age=3600`);
    }
    app(req as express.Request, res as express.Response);
  };
}
