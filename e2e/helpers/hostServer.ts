/** A tiny static server on a free 127.0.0.1 port: a "docs site" on another origin than the playground. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Host { origin: string; close(): Promise<void> }

export async function startHost(page: (url: URL, origin: string) => string | null): Promise<Host> {
  let origin = '';
  const server = http.createServer((req, res) => {
    const body = page(new URL(req.url ?? '/', origin), origin);
    if (body === null) { res.writeHead(404).end('not found'); return; }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { origin, close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }) };
}

/** A docs page embedding the playground; `send(msg)` posts to it, `received` collects what it says. */
export function hostPage(embedSrc: string, playgroundOrigin: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Docs page</title></head><body>
<h1>A documentation page</h1>
<script>
  window.received = [];
  addEventListener('message', function (e) {
    var f = document.getElementById('pg');
    if (!f || e.source !== f.contentWindow) return;
    window.received.push({ origin: e.origin, data: e.data });
  });
  window.send = function (msg) { document.getElementById('pg').contentWindow.postMessage(msg, ${JSON.stringify(playgroundOrigin)}); };
</script>
<iframe id="pg" src="${embedSrc.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}" width="800" height="450" style="border:0"></iframe>
</body></html>`;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml',
  '.json': 'application/json', '.txt': 'text/plain; charset=utf-8', '.ico': 'image/x-icon', '.png': 'image/png', '.woff2': 'font/woff2',
};

/** Serves a folder as it is: /playground/... only exists if the folder has playground/. */
export async function startStatic(root: string): Promise<Host & { requests: string[] }> {
  const fs = await import('node:fs');
  const path = await import('node:path');
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    requests.push(url.pathname);
    let file = path.normalize(path.join(root, decodeURIComponent(url.pathname)));
    if (!file.startsWith(path.resolve(root))) { res.writeHead(403).end(); return; }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!fs.existsSync(file)) { res.writeHead(404, { 'content-type': 'text/plain' }).end('not found'); return; }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { origin, requests, close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }) };
}
