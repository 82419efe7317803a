/**
 * Offline use: registers public/sw.js (scope: the app's base path) and says how far it got.
 * Loaded by components/share/OfflineStatus.tsx after the first paint, never in the first load.
 */
import { BASE_PATH } from './basePath';

export type OfflineState = 'unsupported' | 'saving' | 'ready' | 'failed';

export function registerOffline(report: (s: OfflineState, detail?: string) => void): void {
  if (!('serviceWorker' in navigator) || !window.isSecureContext) { report('unsupported'); return; }
  const sw = navigator.serviceWorker;
  const already = !!sw.controller;
  if (!already) report('saving');
  sw.register(`${BASE_PATH}/sw.js`, { scope: `${BASE_PATH}/` }).then((reg) => {
    const installing = reg.installing ?? reg.waiting;
    if (installing) {
      installing.addEventListener('statechange', () => {
        if (installing.state === 'redundant' && !reg.active) report('failed', 'could not save the app for offline use');
      });
    }
    return sw.ready.then(() => report('ready'));
  }, (e: unknown) => report('failed', (e instanceof Error ? e.message : String(e)).split('\n')[0]));
}
