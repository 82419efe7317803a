'use client';
/**
 * Code-split components with React's own lazy + Suspense (no framework loader in the
 * first load). `lazyPart` is for parts of the client-only app; `clientOnly` also waits for
 * the first client render, so the statically exported HTML holds the fallback, never the
 * component (which reads `window` as it renders).
 */
import { lazy, Suspense, useEffect, useState, type ComponentType, type ReactNode } from 'react';

export function lazyPart<P extends object>(load: () => Promise<ComponentType<P>>, fallback: ReactNode = null): ComponentType<P> {
  const Inner = lazy(() => load().then((C) => ({ default: C })));
  function LazyPart(props: P) {
    return <Suspense fallback={fallback}><Inner {...props} /></Suspense>;
  }
  return LazyPart;
}

export function clientOnly<P extends object>(load: () => Promise<ComponentType<P>>, fallback: ReactNode = null): ComponentType<P> {
  const Part = lazyPart(load, fallback);
  function ClientOnly(props: P) {
    const [mounted, setMounted] = useState(false);
    useEffect(() => { setMounted(true); }, []);
    return mounted ? <Part {...props} /> : <>{fallback}</>;
  }
  return ClientOnly;
}

/**
 * A part that loads on first use and can be fetched ahead (`preload`): rendered once its
 * code is here, it renders at once, with no empty frame; rendered before, it suspends as
 * `lazyPart` does (and keeps that path, so it is never mounted twice).
 */
export function preloadablePart<P extends object>(load: () => Promise<ComponentType<P>>, fallback: ReactNode = null): ComponentType<P> & { preload: () => Promise<unknown> } {
  let loaded: ComponentType<P> | null = null;
  let pending: Promise<ComponentType<P>> | null = null;
  const preload = () => (pending ??= load().then((C) => (loaded = C)));
  const Inner = lazy(() => preload().then((C) => ({ default: C })));
  function PreloadablePart(props: P) {
    const [Now] = useState(() => loaded);
    if (Now) return <Now {...props} />;
    return <Suspense fallback={fallback}><Inner {...props} /></Suspense>;
  }
  return Object.assign(PreloadablePart, { preload });
}
