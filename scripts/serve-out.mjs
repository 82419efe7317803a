// Serves a static export folder (default: out/) with no dependencies.
//   node scripts/serve-out.mjs [dir] [--host H] [--port P] [--build]
// HOST (default 127.0.0.1) and PORT (default 3000) come from the environment unless
// --host/--port say otherwise; --port 0 takes any free port. --build runs `next build`
// first when dir is missing or older than the sources (what `npm start` does).
// Paths are decoded once (a bad escape answers 400) and must resolve inside the root;
// text files go out compressed (br or gzip, as the browser asks), with cache headers.
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const PROJECT = path.resolve(HERE, '..');
const SOURCES = ['app', 'components', 'store', 'lib', 'engine', 'scenarios', 'next.config.js', 'package.json'];
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png', '.map': 'application/json',
  '.ico': 'image/x-icon', '.txt': 'text/plain; charset=utf-8', '.woff2': 'font/woff2', '.webmanifest': 'application/manifest+json',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.json', '.svg', '.txt', '.map', '.webmanifest']);

function fail(line) {
  process.stderr.write(`serve-out: ${line}\n`);
  process.exit(1);
}

export function parseArgs(argv, env) {
  const o = { dir: 'out', host: env.HOST || '127.0.0.1', port: env.PORT ?? '3000', build: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => { const v = argv[++i]; if (v === undefined) fail(`${a}: missing value`); return v; };
    if (a === '--host') o.host = value();
    else if (a === '--port') o.port = value();
    else if (a.startsWith('--host=')) o.host = a.slice(7);
    else if (a.startsWith('--port=')) o.port = a.slice(7);
    else if (a === '--build') o.build = true;
    else if (a.startsWith('--')) fail(`${a}: unknown option (expected --host, --port, --build)`);
    else o.dir = a;
  }
  if (!/^\d{1,5}$/.test(String(o.port)) || Number(o.port) > 65535) fail(`--port: ${JSON.stringify(String(o.port).slice(0, 20))} is not a port number (0 to 65535)`);
  o.port = Number(o.port);
  return o;
}

function newestMtime(p) {
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let m = st.mtimeMs;
  for (const e of fs.readdirSync(p)) {
    if (e === 'node_modules' || e.startsWith('.')) continue;
    m = Math.max(m, newestMtime(path.join(p, e)));
  }
  return m;
}

/** Why `root` must be rebuilt before serving it, or null when it is up to date. */
export function staleReason(root) {
  const built = path.join(root, 'index.html');
  if (!fs.existsSync(built)) return `${path.basename(root)}/ is missing`;
  if (fs.existsSync(path.join(root, 'bench'))) return `${path.basename(root)}/ holds the bench pages (a bench build)`;
  const t = fs.statSync(built).mtimeMs;
  for (const s of SOURCES) {
    const p = path.join(PROJECT, s);
    if (fs.existsSync(p) && newestMtime(p) > t) return `${s} changed since the last build`;
  }
  return null;
}

function buildIfStale(root) {
  const why = staleReason(root);
  if (!why) { console.log(`serve-out: ${path.relative(process.cwd(), root) || '.'}/ is up to date (no build needed)`); return; }
  console.log(`serve-out: building (${why})…`);
  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
  delete env.BENCH_PAGES;
  const r = spawnSync('npx', ['next', 'build'], { cwd: PROJECT, stdio: 'inherit', env });
  if (r.status !== 0) fail('the build failed (see above); nothing is served');
}

/** The file a URL path names inside `root`, or an HTTP status when there is none to serve. */
export function resolvePath(root, urlPath) {
  let decoded;
  try { decoded = decodeURIComponent(urlPath); } catch { return 400; }
  if (decoded.includes('\0')) return 400;
  const file = path.resolve(root, '.' + path.posix.normalize('/' + decoded.replace(/\\/g, '/')));
  if (file !== root && !file.startsWith(root + path.sep)) return 403;
  return file;
}

function cacheControl(rel) {
  // hashed build assets never change under their name; everything else is revalidated
  return rel.startsWith(`_next${path.sep}static${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache';
}

function pickEncoding(accept) {
  const a = String(accept || '');
  if (/\bbr\b/.test(a)) return 'br';
  if (/\bgzip\b/.test(a)) return 'gzip';
  return null;
}

/** A request handler serving `root` (an absolute path). */
export function handler(root) {
  const realRoot = fs.realpathSync(root);
  const packed = new Map(); // `${enc}:${file}` -> { mtimeMs, body }
  return (req, res) => {
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') { res.writeHead(405, { allow: 'GET, HEAD' }).end(); return; }
      const raw = (req.url || '/').split('?')[0].split('#')[0];
      let file = resolvePath(root, raw.startsWith('/') ? raw : '/' + raw);
      if (typeof file === 'number') { res.writeHead(file, { 'content-type': 'text/plain; charset=utf-8' }).end(file === 400 ? 'bad request\n' : 'forbidden\n'); return; }
      let st = fs.statSync(file, { throwIfNoEntry: false });
      if (st?.isDirectory()) { file = path.join(file, 'index.html'); st = fs.statSync(file, { throwIfNoEntry: false }); }
      if (st) {
        const real = fs.realpathSync(file);
        if (real !== realRoot && !real.startsWith(realRoot + path.sep)) { res.writeHead(403).end('forbidden\n'); return; }
      }
      if (!st || !st.isFile()) {
        const fallback = path.join(root, '404.html');
        res.writeHead(404, { 'content-type': TYPES['.html'], 'cache-control': 'no-cache' });
        res.end(req.method === 'HEAD' ? undefined : fs.existsSync(fallback) ? fs.readFileSync(fallback) : 'not found');
        return;
      }
      const ext = path.extname(file);
      const etag = `"${st.size.toString(16)}-${Math.floor(st.mtimeMs).toString(16)}"`;
      const headers = {
        'content-type': TYPES[ext] || 'application/octet-stream', 'cache-control': cacheControl(path.relative(root, file)),
        etag, 'last-modified': st.mtime.toUTCString(), 'x-content-type-options': 'nosniff', vary: 'accept-encoding',
      };
      if (req.headers['if-none-match'] === etag) { res.writeHead(304, headers).end(); return; }
      const enc = COMPRESSIBLE.has(ext) && st.size > 512 ? pickEncoding(req.headers['accept-encoding']) : null;
      let body;
      if (enc) {
        const key = `${enc}:${file}`;
        let c = packed.get(key);
        if (!c || c.mtimeMs !== st.mtimeMs) {
          const data = fs.readFileSync(file);
          body = enc === 'br'
            ? zlib.brotliCompressSync(data, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 9, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length } })
            : zlib.gzipSync(data, { level: 9 });
          c = { mtimeMs: st.mtimeMs, body };
          packed.set(key, c);
        }
        body = c.body;
        headers['content-encoding'] = enc;
      } else body = fs.readFileSync(file);
      headers['content-length'] = body.length;
      res.writeHead(200, headers);
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('server error\n');
    }
  };
}

/** The URLs a reader can open: the loopback one, and each network address when listening on all. */
export function urlsFor(host, port) {
  const all = host === '0.0.0.0' || host === '::';
  const list = [];
  if (all) {
    list.push(`http://127.0.0.1:${port}/`);
    for (const addrs of Object.values(os.networkInterfaces())) {
      for (const a of addrs || []) {
        if (a.internal || (a.family !== 'IPv4' && a.family !== 4)) continue;
        list.push(`http://${a.address}:${port}/`);
      }
    }
  } else list.push(`http://${host.includes(':') ? `[${host}]` : host}:${port}/`);
  return list;
}

function main() {
  const o = parseArgs(process.argv.slice(2), process.env);
  const root = path.resolve(o.dir);
  if (o.build) buildIfStale(root);
  if (!fs.existsSync(path.join(root, 'index.html'))) fail(`${root}/index.html not found; run "npm run build" first`);
  const server = http.createServer(handler(root));
  server.on('error', (e) => {
    if (e.code === 'EADDRINUSE') fail(`port ${o.port} on ${o.host} is taken (another server is running?); stop it, or pick another port: npm start -- --port ${o.port + 1}`);
    if (e.code === 'EADDRNOTAVAIL') fail(`${o.host} is not an address of this machine; use 127.0.0.1, or 0.0.0.0 for every network`);
    if (e.code === 'EACCES') fail(`port ${o.port} needs privileges; pick one above 1023: npm start -- --port 3000`);
    fail(`cannot listen on ${o.host}:${o.port} (${e.code || e.message})`);
  });
  server.listen(o.port, o.host, () => {
    const port = server.address().port;
    const urls = urlsFor(o.host, port);
    console.log(`Interdomain Playground on ${urls.join('  ')}`);
    if (o.host === '127.0.0.1' || o.host === 'localhost') console.log('(this machine only; for a projector PC or phone on the same network: npm start -- --host 0.0.0.0)');
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
