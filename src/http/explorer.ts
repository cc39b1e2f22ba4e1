import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * The GraphQL explorer a browser gets at `GET /graphql`: GraphiQL, served from this server's own
 * npm packages (its UMD build and React's), so it works offline and inside mainland China, where
 * Apollo Sandbox's scripts (Apollo's and Google's servers) do not load. Nothing on the page comes
 * from another host (a Content-Security-Policy says so to the browser). The token is pasted in
 * the page; it is kept in the tab's sessionStorage only. Off in production unless EXPLORER=on.
 */
export const EXPLORER_ASSETS_PATH = '/graphql/explorer/';

const require = createRequire(import.meta.url);
/** A file inside an installed package (their `exports` maps do not list the UMD builds). */
const inPackage = (pkg: string, file: string) => join(dirname(require.resolve(`${pkg}/package.json`)), file);
const ASSETS: Record<string, { file: string; type: string }> = {
  'react.js': { file: inPackage('react', 'umd/react.production.min.js'), type: 'text/javascript' },
  'react-dom.js': { file: inPackage('react-dom', 'umd/react-dom.production.min.js'), type: 'text/javascript' },
  'graphiql.js': { file: inPackage('graphiql', 'graphiql.min.js'), type: 'text/javascript' },
  'graphiql.css': { file: inPackage('graphiql', 'graphiql.min.css'), type: 'text/css' },
};

// The page's own script, a file like the others so the policy needs no 'unsafe-inline' scripts.
const START = `(() => {
  const KEY = 'talent-schemes.token';
  const input = document.getElementById('token');
  input.value = sessionStorage.getItem(KEY) || '';
  input.addEventListener('change', () => sessionStorage.setItem(KEY, input.value.trim()));
  const fetcher = (params, opts) => {
    const token = input.value.trim();
    const headers = Object.assign({ 'content-type': 'application/json', accept: 'application/json' }, (opts && opts.headers) || {});
    if (token) headers.authorization = 'Bearer ' + token.replace(/^Bearer\\s+/i, '');
    return fetch(location.pathname, { method: 'POST', headers, body: JSON.stringify(params) }).then((r) => r.json());
  };
  ReactDOM.createRoot(document.getElementById('graphiql')).render(React.createElement(GraphiQL, { fetcher, defaultEditorToolsVisibility: true }));
})();
`;

const PAGE = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>GraphQL 浏览器 Explorer · talent-schemes</title>
<link rel="stylesheet" href="${EXPLORER_ASSETS_PATH}graphiql.css">
<style>html,body{height:100%;margin:0}body{display:flex;flex-direction:column;font-family:system-ui,sans-serif}
#bar{display:flex;gap:.5em;align-items:center;padding:.4em .8em;border-bottom:1px solid #ddd;font-size:14px}#bar input{flex:1;font-family:monospace}#graphiql{flex:1;min-height:0}</style>
</head>
<body>
<div id="bar"><label for="token">令牌 Token</label><input id="token" type="password" autocomplete="off" placeholder="npm run token -- --tenant wenzhou --role commission-admin"></div>
<div id="graphiql"></div>
<script src="${EXPLORER_ASSETS_PATH}react.js"></script>
<script src="${EXPLORER_ASSETS_PATH}react-dom.js"></script>
<script src="${EXPLORER_ASSETS_PATH}graphiql.js"></script>
<script src="${EXPLORER_ASSETS_PATH}start.js"></script>
</body>
</html>
`;

const POLICY = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** Does this request want the explorer page (a browser navigating to /graphql)? */
export function wantsExplorer(req: IncomingMessage, pathname: string): boolean {
  return req.method === 'GET' && pathname === '/graphql' && (req.headers.accept ?? '').includes('text/html');
}

export function serveExplorerPage(res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': POLICY, 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' });
  res.end(PAGE);
}

const loaded = new Map<string, Promise<Buffer>>();

/** Serve one of the explorer's files; false when the name is not one of them. */
export async function serveExplorerAsset(res: ServerResponse, name: string): Promise<boolean> {
  if (name === 'start.js') {
    res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' });
    res.end(START);
    return true;
  }
  const asset = ASSETS[name];
  if (!asset) return false;
  let body = loaded.get(name);
  if (!body) loaded.set(name, (body = readFile(asset.file)));
  const bytes = await body;
  res.writeHead(200, { 'content-type': `${asset.type}; charset=utf-8`, 'content-length': bytes.length, 'cache-control': 'public, max-age=86400', 'x-content-type-options': 'nosniff' });
  res.end(bytes);
  return true;
}
