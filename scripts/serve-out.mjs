// Serves a static export folder (default: out/) with no dependencies.
// PORT (default 3000) and HOST (default 127.0.0.1) come from the environment.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(process.argv[2] || 'out');
const port = Number(process.env.PORT || 3000);
const host = process.env.HOST || '127.0.0.1';
const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css',
  '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png',
  '.ico': 'image/x-icon', '.txt': 'text/plain; charset=utf-8', '.woff2': 'font/woff2',
};

if (!fs.existsSync(path.join(root, 'index.html'))) {
  console.error(`serve-out: ${root}/index.html not found; run "npm run build" first`);
  process.exit(1);
}

http.createServer((req, res) => {
  const url = new URL(req.url || '/', 'http://x');
  let file = path.normalize(path.join(root, decodeURIComponent(url.pathname)));
  if (!file.startsWith(root)) { res.writeHead(403).end(); return; }
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
  if (!fs.existsSync(file)) {
    const fallback = path.join(root, '404.html');
    res.writeHead(404, { 'content-type': types['.html'] });
    res.end(fs.existsSync(fallback) ? fs.readFileSync(fallback) : 'not found');
    return;
  }
  res.writeHead(200, { 'content-type': types[path.extname(file)] || 'application/octet-stream' });
  fs.createReadStream(file).pipe(res);
}).listen(port, host, () => console.log(`Interdomain Playground on http://${host}:${port}/`));
