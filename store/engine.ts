/**
 * The engine's code, fetched the first time the page must run something. The page opens
 * on a run recorded at build time (store/recordedRun.ts) and reads it with engine/lite.ts
 * alone; editing, another preset or mode, a share link, the inspector and every feature
 * loaded on first use fetch the engine (engine/api.ts) first. Everything below store/
 * that runs the engine calls `engine()`, which the page reaches only once it has loaded.
 */
import type * as Api from '@engine/api';

export type Engine = typeof Api;

let loaded: Engine | null = null;
let loading: Promise<Engine> | null = null;
const waiting: Array<(e: Engine) => void> = [];

/** The engine, once loaded (null before). */
export function engineIfLoaded(): Engine | null {
  return loaded;
}

/** The engine; throws if it has not been loaded (a caller that runs something must loadEngine() first). */
export function engine(): Engine {
  if (!loaded) throw new Error('the engine is not loaded yet');
  return loaded;
}

/** Fetch the engine (once). Whatever waits on it with onEngine runs first, in order, as soon as it has arrived. */
export function loadEngine(): Promise<Engine> {
  if (loaded) return Promise.resolve(loaded);
  loading ??= import('@engine/api').then((m) => {
    loaded = m;
    for (const f of waiting.splice(0)) f(m);
    return m;
  }, (e: unknown) => { loading = null; throw e; });
  return loading;
}

/** Run `f` once the engine has arrived (at once if it is here); does not start the fetch. */
export function onEngine(f: (e: Engine) => void): void {
  if (loaded) f(loaded);
  else waiting.push(f);
}

/** `p` (a part's code), resolved once the engine has arrived too. */
export function withEngine<T>(p: Promise<T>): Promise<T> {
  return Promise.all([p, loadEngine()]).then(([x]) => x);
}

/** Tests only: forget the engine, as a page that has not fetched it yet (the next loadEngine() brings it back). */
export function unloadEngineForTests(): void {
  loaded = null;
  loading = null;
}
