/**
 * The headless runner against hostile documents: each small and valid, each asking for
 * unbounded work. Every one ends within 30 s with one line (exit 3), never an abort; bad
 * bytes are refused in one safe line (exit 2); a UTF-8 BOM is read as the page reads it.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { connectFloodDoc, dataFloodDoc, hugeSendDoc } from '../e2e/hostileDocs';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runner-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function run(name: string, content: string | Buffer, ...args: string[]) {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.resolve(__dirname, 'scenario.ts'), file, ...args], { encoding: 'utf8', timeout: 150_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('runner budget', () => {
  for (const [name, doc] of [['send 2^53-1 bytes', hugeSendDoc()], ['data flood until 2^53-1', dataFloodDoc()], ['connect flood until 2^53-1', connectFloodDoc()]] as const) {
    it(`${name}: exit 3 with one line, stopped by the event budget`, () => {
      const text = JSON.stringify(doc);
      expect(text.length).toBeLessThan(1200);
      const r = run(`${name.replace(/\W+/g, '-')}.json`, text);
      expect(r.code).toBe(3);
      expect(r.stdout).toBe('');
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/^budget: the run stopped: .* \(raise it with --max-events N/);
    }, 180_000);
  }

  it('a smaller --max-events stops sooner; a bad value is one line', () => {
    const r = run('flood.json', JSON.stringify(dataFloodDoc()), '--max-events', '1000');
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^budget: the run stopped: 1,000 events reached at t=/);
    const bad = run('flood2.json', JSON.stringify(dataFloodDoc()), '--max-events', 'lots');
    expect([bad.code, bad.stderr]).toEqual([2, '--max-events: "lots" is not a positive whole number\n']);
  }, 90_000);
});

describe('runner input bytes', () => {
  const ok = JSON.stringify({ format: 'interdomain-scenario', version: 1, seed: 1, transport: 'vsock', domains: [{ id: 0, name: 'dom0', role: 'backend' }], steps: [] });

  it('reads a UTF-8 BOM as the page does', () => {
    const r = run('bom.json', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(ok)]));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toHaveProperty('domains');
  }, 60_000);

  it('refuses UTF-16 and escapes raw control bytes in its one line', () => {
    const u16 = run('u16.json', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(ok, 'utf16le')]));
    expect(u16.code).toBe(2);
    expect(u16.stderr).toMatch(/file: UTF-16 or UTF-32 text \(save it as UTF-8\)\n$/);
    const esc = run('esc.json', '{"title": "\u001b]0;pwned\u0007\u001b[2J\u0000"}');
    expect(esc.code).toBe(2);
    expect(esc.stderr.trimEnd().split('\n')).toHaveLength(1);
    // eslint-disable-next-line no-control-regex -- control characters are what must not appear
    expect(esc.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f\u202e]/);
    expect(esc.stderr).toContain('\\u001b');
  }, 60_000);
});
