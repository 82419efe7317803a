/**
 * The lint rules themselves: each architecture rule of eslint.config.mjs fires on a snippet
 * that breaks it and stays quiet on one that keeps it; the cycle check finds value-import
 * cycles (not type-only ones) and holds its allow-list to the exact cycles.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ESLint } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkCycles } from './lint-cycles';

const root = path.resolve(__dirname, '..');
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: root, overrideConfigFile: path.join(root, 'eslint.config.mjs') });
});

/** Rule ids reported for `code` as if it were the file `file` (relative to the repository). */
async function rules(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  const messages = result?.messages ?? [];
  const fatal = messages.find((m) => m.fatal);
  if (fatal) throw new Error(`${file}: ${fatal.message}`);
  return messages.map((m) => m.ruleId ?? '');
}

const IMPORTS = '@typescript-eslint/no-restricted-imports';

describe('engine/ is pure', () => {
  it.each([
    ['Math.random()', 'export const r = Math.random();', 'no-restricted-properties'],
    ['Date.now()', 'export const t = Date.now();', 'no-restricted-globals'],
    ['new Date()', 'export const d = new Date();', 'no-restricted-globals'],
    ['performance.now()', 'export const t = performance.now();', 'no-restricted-globals'],
    ['setTimeout', 'setTimeout(() => {}, 1);', 'no-restricted-globals'],
    ['window', 'export const w = window.innerWidth;', 'no-restricted-globals'],
    ['process.env', 'export const e = process.env.X;', 'no-restricted-globals'],
    ['react', "import { useState } from 'react';\nexport const u = useState;", IMPORTS],
    ['zustand', "import { create } from 'zustand';\nexport const c = create;", IMPORTS],
    ['@xyflow/react', "import { ReactFlow } from '@xyflow/react';\nexport const f = ReactFlow;", IMPORTS],
    ['node:fs', "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;", IMPORTS],
    ['the store', "import { getStore } from '@store/index';\nexport const g = getStore;", IMPORTS],
    ['lib/ by a relative path', "import { fmtTime } from '../../lib/format';\nexport const f = fmtTime;", IMPORTS],
  ])('refuses %s', async (_what, code, rule) => {
    expect(await rules('engine/sim/example.ts', code)).toContain(rule);
  });

  it('accepts deterministic code, and Node built-ins and process in tests', async () => {
    expect(await rules('engine/sim/example.ts', "import { rngNext } from '../core/rng';\nexport const n = rngNext;\nexport const m = Math.max(1, 2);")).toEqual([]);
    expect(await rules('engine/sim/example.test.ts', "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\nexport const e = process.env.X;")).toEqual([]);
  });

  it('refuses Math.random and timers in engine tests too', async () => {
    expect(await rules('engine/sim/example.test.ts', 'export const r = Math.random();')).toEqual(['no-restricted-properties']);
    expect(await rules('engine/sim/example.test.ts', 'setInterval(() => {}, 1);')).toEqual(['no-restricted-globals']);
  });
});

describe('engine layers', () => {
  it('a mechanism folder imports only engine/core and itself', async () => {
    for (const dir of ['gnttab', 'evtchn', 'ring', 'xenstore', 'scenario']) {
      expect(await rules(`engine/${dir}/example.ts`, "import type { SimState } from '../sim/types';\nexport type S = SimState;")).toEqual([IMPORTS]);
      expect(await rules(`engine/${dir}/example.ts`, "import { emit } from '@engine/core/trace';\nexport const e = emit;")).toEqual([IMPORTS]);
      expect(await rules(`engine/${dir}/example.ts`, "import { emit } from '../core/trace';\nimport { x } from './other';\nexport const e = [emit, x];")).toEqual([]);
    }
    expect(await rules('engine/gnttab/example.test.ts', "import { evtchnSend } from '../evtchn';\nexport const s = evtchnSend;")).toEqual([IMPORTS]);
  });

  it('engine/core imports nothing outside itself', async () => {
    expect(await rules('engine/core/example.ts', "import { GTF_readonly } from '../gnttab/types';\nexport const g = GTF_readonly;")).toEqual([IMPORTS]);
    expect(await rules('engine/core/example.ts', "import { rngNext } from './rng';\nexport const n = rngNext;")).toEqual([]);
  });
});

describe('the page', () => {
  it.each(['components/panels/Example.tsx', 'app/example/Example.tsx', 'lib/example.ts', 'scenarios/example.ts'])('%s imports engine types only', async (file) => {
    expect(await rules(file, "import { timeAt } from '@engine/api';\nexport const t = timeAt;")).toEqual([IMPORTS]);
    expect(await rules(file, "import { createSim } from '../../engine/sim/sim';\nexport const c = createSim;")).toEqual([IMPORTS]);
    expect(await rules(file, "import type { Timeline } from '@engine/api';\nexport type T = Timeline;")).toEqual([]);
  });

  it('store/ reaches the engine only through @engine/api, and loads only the two alternatives on demand', async () => {
    expect(await rules('store/example.ts', "import { createSim } from '@engine/sim/sim';\nexport const c = createSim;")).toEqual([IMPORTS]);
    expect(await rules('store/example.ts', "import { createSim } from '../engine/index';\nexport const c = createSim;")).toEqual([IMPORTS]);
    expect(await rules('store/example.ts', "export const m = () => import('@engine/sim/sim');")).toEqual(['no-restricted-syntax']);
    expect(await rules('store/example.ts', "import { createSim } from '@engine/api';\nexport const c = createSim;\nexport const v = () => import('@engine/v4v/module');")).toEqual([]);
    expect(await rules('store/example.ts', "import { Diagram } from '@components/flow/Diagram';\nexport const d = Diagram;")).toEqual([IMPORTS]);
  });

  it('components/ import no app/ code; e2e/ imports no source folder but scenarios/', async () => {
    expect(await rules('components/Example.tsx', "import ClientPlayground from '../app/ClientPlayground';\nexport const c = ClientPlayground;")).toEqual([IMPORTS]);
    expect(await rules('e2e/example.spec.ts', "import { parseScenario } from '../engine/api';\nexport const p = parseScenario;")).toEqual([IMPORTS]);
    expect(await rules('e2e/example.spec.ts', "import doc from '../scenarios/shed-flooder.json';\nexport const d = doc;")).toEqual([]);
    expect(await rules('scenarios/example.ts', "import { getStore } from '../store/index';\nexport const g = getStore;")).toEqual([IMPORTS]);
  });
});

it('refuses a file over 400 lines (blank lines and comments not counted)', async () => {
  const lines = (n: number) => Array.from({ length: n }, (_, i) => `export const v${i} = ${i};`).join('\n');
  expect(await rules('lib/example.ts', `${lines(400)}\n\n// a comment\n`)).toEqual([]);
  expect(await rules('lib/example.ts', lines(401))).toEqual(['max-lines']);
});

describe('import cycles', () => {
  let dir: string;
  const write = (file: string, text: string) => {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  };
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'lint-cycles-'));
    write('tsconfig.json', JSON.stringify({ compilerOptions: { paths: { '@engine/*': ['./engine/*'] } } }));
    write('engine/a.ts', "import { b } from './b';\nexport const a = () => b;\n");
    write('engine/b.ts', "import { a } from '@engine/a';\nexport const b = () => a;\n");
    write('engine/types1.ts', "import type { T2 } from './types2';\nimport { type T3 } from './types3';\nexport type T1 = T2 | T3;\n");
    write('engine/types2.ts', "import type { T1 } from './types1';\nexport type T2 = { t: T1 };\n");
    write('engine/types3.ts', "export type { T1 as T3 } from './types1';\n");
    write('engine/lazy.ts', "export const load = () => import('./lazy2');\n");
    write('engine/lazy2.ts', "import { load } from './lazy';\nexport const again = load;\n");
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reports a value-import cycle, also through an alias', () => {
    expect(checkCycles(dir, []).errors).toEqual(['import cycle: engine/a.ts → engine/b.ts → engine/a.ts']);
  });

  it('ignores type-only imports and import()', () => {
    const { errors } = checkCycles(dir, []);
    expect(errors.join('\n')).not.toMatch(/types|lazy/);
  });

  it('allows exactly the listed cycle, and fails on an entry that is no longer a cycle', () => {
    expect(checkCycles(dir, [['engine/b.ts', 'engine/a.ts']])).toEqual({
      errors: [], allowed: ['known cycle (to remove): engine/a.ts → engine/b.ts → engine/a.ts'],
    });
    expect(checkCycles(dir, [['engine/a.ts', 'engine/b.ts', 'engine/lazy.ts']]).errors).toHaveLength(2);
  });
});
