'use client';
/**
 * The embed's side of the postMessage API (lib/hostProtocol.ts, README "Embedding").
 * The command parser (zod) is fetched only when the embed URL allows some origin.
 * Only origins in the embed URL's `origins=` allowlist are heard; everything else is
 * ignored without a word. Events go to the parent window only, and only once its
 * origin is known to be allowed. No allowlist: one `ready` saying so, then silence.
 */
import { useEffect } from 'react';
import { usePlaygroundStore, PRESET_IDS, withEngine } from '@store/index';
import { applyHostCommand, passedEvents, stateInfo, type Applied } from '@store/hostApi';
import { envelope, isOurEvent, type OutEvent } from '@lib/hostEvents';
import { watchHeight } from './embedHeight';

function parentOrigin(): string | null {
  try {
    const ao = window.location.ancestorOrigins;
    if (ao && ao.length > 0 && ao[0] !== 'null') return ao[0]!;
    return document.referrer ? new URL(document.referrer).origin : null;
  } catch { return null; }
}

export function useHostBridge(origins: readonly string[]): void {
  const key = origins.join(',');
  const store = usePlaygroundStore();
  useEffect(() => {
    const allowed = new Set(key ? key.split(',') : []);
    const parent = window.parent !== window ? window.parent : null;
    const presets = [...PRESET_IDS];
    // commands wait for the engine too: most of them run something (a page opened on its recorded run has not fetched it)
    const parser = allowed.size > 0 ? withEngine(import('@lib/hostProtocol')).then((m) => m.parseHostMessage) : null;
    let target: string | null = null;
    const post = (e: OutEvent) => { if (parent && target) parent.postMessage(envelope(e), target); };
    // the content's height, for a host that sizes the iframe to it (public/embed.js)
    let height = 0;
    const stopHeight = parent && allowed.size > 0 ? watchHeight((h) => { height = h; post({ type: 'size', height: h }); }) : () => {};
    const ready = () => {
      post({ type: 'ready', accepting: true, origins: [...allowed], reason: null, presets, state: stateInfo(store.getState()) });
      if (height) post({ type: 'size', height });
    };
    const refuse = (reason: string) => parent?.postMessage(envelope({ type: 'ready', accepting: false, origins: [...allowed], reason, presets, state: null }), '*');

    const detected = parentOrigin();
    if (parent && allowed.size === 0) refuse('no origins= parameter in the embed URL, so this embed accepts no commands');
    else if (parent && detected && allowed.has(detected)) { target = detected; ready(); }
    else if (parent && detected) refuse(`this page's origin ${detected} is not in the embed URL's origins= allowlist`);
    // parent origin unknown (no referrer): the first allowed message from the parent tells it

    // Commands are answered in the order they came: while the parser or a preset's
    // document is on its way, later commands wait behind. Each is read in a task of its
    // own, not in the message's: the browser's copy of what the host posted (megabytes, for
    // a hostile `load`) is a task already, and validating it after that copy would add to it.
    let queue: Promise<void> = Promise.resolve();
    let closed = false;
    const nextTask = () => new Promise<void>((r) => setTimeout(r, 0));
    const inOrder = (work: () => Promise<void>) => {
      queue = queue.then(nextTask).then(() => (closed ? undefined : work())).catch(() => undefined);
    };

    const onMessage = (ev: MessageEvent) => {
      if (!allowed.has(ev.origin) || isOurEvent(ev.data)) return;
      const src = ev.source;
      const reply = (e: OutEvent) => { if (src && !(src instanceof MessagePort) && !(typeof ServiceWorker !== 'undefined' && src instanceof ServiceWorker)) (src as Window).postMessage(envelope(e), ev.origin); };
      if (parent && src === parent && target !== ev.origin) { target = ev.origin; ready(); }
      const data: unknown = ev.data;
      inOrder(async () => {
        const parse = await parser?.catch(() => null);
        if (!parse) { reply({ type: 'error', error: 'message: the command parser could not be loaded' }); return; }
        const p = parse(data);
        if (!p.ok) { reply({ type: 'error', error: p.error, ...(p.id !== undefined ? { id: p.id } : {}), ...(p.type ? { request: p.type } : {}) }); return; }
        const cmd = p.cmd;
        const id = cmd.id !== undefined ? { id: cmd.id } : {};
        const answer = (r: Applied) => {
          if (!r.ok) { reply({ type: 'error', error: r.error, request: cmd.type, ...id }); return; }
          reply({ type: 'ok', request: cmd.type, ...id });
          if (cmd.type === 'getState') reply({ type: 'state', ...stateInfo(store.getState()) });
        };
        answer(await applyHostCommand(store, cmd));
      });
    };
    window.addEventListener('message', onMessage);
    const unsub = store.subscribe((s, prev) => {
      if (!target) return;
      const moved = s.cursor !== prev.cursor || s.timeline !== prev.timeline;
      if (moved) post({ type: 'trace', cursor: s.cursor, ...passedEvents(prev, s) });
      if (moved || s.playing !== prev.playing || s.speed !== prev.speed) post({ type: 'state', ...stateInfo(s) });
    });
    return () => { closed = true; window.removeEventListener('message', onMessage); unsub(); stopHeight(); };
  }, [store, key]);
}
