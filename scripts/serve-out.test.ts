/**
 * The static server as a reader's browser (or an attacker) meets it: raw request paths
 * (fetch would normalise them), a bad escape, traversal out of the root, compression and
 * cache headers, and the one line it prints when its port is taken.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';

const SCRIPT = path.resolve(__dirname, 'serve-out.mjs');
let tmp = '';
let root = '';
let child: ChildProcess;
let port = 0;

function start(args: string[], env: Record<string, string> = {}): { proc: ChildProcess; out: Promise<string>; exited: Promise<number | null> } {
  const proc = spawn(process.execPath, [SCRIPT, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  const out = new Promise<string>((res) => {
    const take = (d: Buffer) => { text += d.toString(); if (/\n/.test(text)) res(text); };
    proc.stdout!.on('data', take);
    proc.stderr!.on('data', take);
    proc.on('exit', () => res(text));
  });
  const exited = new Promise<number | null>((res) => proc.on('exit', (c) => res(c)));
  return { proc, out, exited };
}

function get(p: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((res, rej) => {
    const req = http.request({ host: '127.0.0.1', port, path: p, headers }, (r) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => res({ status: r.statusCode!, headers: r.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', rej);
    req.end();
  });
}

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'serve-out-'));
  root = path.join(tmp, 'out');
  fs.mkdirSync(path.join(root, '_next', 'static'), { recursive: true });
  fs.mkdirSync(path.join(root, 'embed'));
  fs.writeFileSync(path.join(root, 'index.html'), `<!doctype html><title>home</title>${'<p>hello</p>'.repeat(200)}`);
  fs.writeFileSync(path.join(root, 'embed', 'index.html'), '<!doctype html><title>embed</title>');
  fs.writeFileSync(path.join(root, '_next', 'static', 'app.js'), 'console.log(1);'.repeat(100));
  fs.writeFileSync(path.join(tmp, 'out-secret.txt'), 'SECRET next to out/');
  fs.symlinkSync(path.join(tmp, 'out-secret.txt'), path.join(root, 'link.txt'));
  const s = start([root, '--port', '0']);
  child = s.proc;
  const line = await s.out;
  const m = /127\.0\.0\.1:(\d+)\//.exec(line);
  if (!m) throw new Error(`no URL printed: ${line}`);
  port = Number(m[1]);
});

afterAll(() => {
  child?.kill('SIGTERM');
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('serve-out', () => {
  it('serves the export, directories as their index.html', async () => {
    const r = await get('/');
    expect(r.status).toBe(200);
    expect(r.body.toString()).toContain('<title>home</title>');
    expect((await get('/embed/')).body.toString()).toContain('<title>embed</title>');
  });

  it('answers a bad escape with 400 and keeps serving', async () => {
    expect((await get('/%E0%A4%A')).status).toBe(400);
    expect((await get('/%00index.html')).status).toBe(400);
    const r = await get('/');
    expect(r.status).toBe(200);
  });

  it('never reads outside the root', async () => {
    for (const p of ['/..%2fout-secret.txt', '/%2e%2e/out-secret.txt', '/..%5cout-secret.txt', '/embed/..%2f..%2fout-secret.txt', '/link.txt']) {
      const r = await get(p);
      expect(r.body.toString(), p).not.toContain('SECRET');
      expect([403, 404], p).toContain(r.status);
    }
    expect((await get('/link.txt')).status).toBe(403);
  });

  it('compresses text as the browser asks, with cache headers and revalidation', async () => {
    const br = await get('/', { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(zlib.brotliDecompressSync(br.body).toString()).toContain('<title>home</title>');
    expect(br.headers['cache-control']).toBe('no-cache');
    const gz = await get('/_next/static/app.js', { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.body).toString()).toMatch(/^console\.log/);
    expect(gz.headers['cache-control']).toContain('immutable');
    expect((await get('/', { 'if-none-match': String(br.headers.etag) })).status).toBe(304);
    expect((await get('/')).headers['content-encoding']).toBeUndefined();
  });

  it('says in one line what to do when the port is taken', async () => {
    const s = start([root, '--port', String(port)]);
    const code = await s.exited;
    const text = await s.out;
    expect(code).toBe(1);
    expect(text.trim().split('\n')).toHaveLength(1);
    expect(text).toMatch(/port \d+ on 127\.0\.0\.1 is taken.*--port \d+/);
  });

  it('takes HOST/PORT from the environment and refuses a bad port in one line', async () => {
    const bad = start([root], { PORT: 'eighty' });
    expect(await bad.exited).toBe(1);
    expect((await bad.out).trim()).toMatch(/^serve-out: --port: "eighty" is not a port number/);
    const ok = start([root], { PORT: '0', HOST: '127.0.0.1' });
    expect(await ok.out).toMatch(/http:\/\/127\.0\.0\.1:\d+\//);
    ok.proc.kill('SIGTERM');
    await ok.exited;
  });
});
