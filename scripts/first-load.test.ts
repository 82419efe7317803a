/**
 * The page's first load holds no simulation: what its client entries import (statically,
 * by value) reaches the engine only through engine/lite.ts, which runs nothing. The page
 * opens on a run recorded at build time (store/recordedRun.ts) and fetches the engine
 * (engine/api.ts) with import() the first time something must run (store/engine.ts).
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importGraph } from './lint-cycles';

const ROOT = path.resolve(__dirname, '..');
const graph = importGraph(ROOT);

function reach(from: readonly string[], g = graph): Set<string> {
  const seen = new Set<string>();
  const todo = [...from];
  while (todo.length > 0) {
    const f = todo.pop()!;
    if (seen.has(f)) continue;
    seen.add(f);
    todo.push(...(g.get(f) ?? []));
  }
  return seen;
}

/** The page's and the embed's client code, as each route loads it at start. */
const ENTRIES = ['app/ClientPlayground.tsx', 'components/Playground.tsx', 'app/embed/EmbedClient.tsx', 'components/embed/EmbedApp.tsx'];

describe('first load', () => {
  it('engine/lite.ts reaches no simulation code', () => {
    const lite = [...reach(['engine/lite.ts'])].filter((f) => f.startsWith('engine/')).sort();
    expect(lite).toEqual(['engine/core/xen.ts', 'engine/lite.ts', 'engine/scenario/notes.ts', 'engine/timeline-read.ts']);
  });

  it('the page and the embed reach the engine only through engine/lite.ts', () => {
    for (const e of ENTRIES) expect(graph.has(e), e).toBe(true);
    const lite = reach(['engine/lite.ts']);
    const engine = [...reach(ENTRIES)].filter((f) => f.startsWith('engine/'));
    expect(engine.filter((f) => !lite.has(f))).toEqual([]);
    expect(engine).toContain('engine/lite.ts');
  });

  it('would see a static import of the engine from a component or store module', () => {
    const g = new Map(graph);
    g.set('store/stepping.ts', [...(g.get('store/stepping.ts') ?? []), 'engine/api.ts']);
    const lite = reach(['engine/lite.ts']);
    expect([...reach(ENTRIES, g)].filter((f) => f.startsWith('engine/sim/') && !lite.has(f)).length).toBeGreaterThan(0);
  });
});
