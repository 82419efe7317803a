/**
 * Animated export: the run's diagram drawn frame by frame (drawDiagram, the PNG export's
 * painter) with the narration as a caption, encoded as a GIF (gifenc) or a WebM (the
 * browser's WebCodecs VP8 encoder, muxed by webm-muxer). Loaded on first use only.
 * Deterministic: the same document, range and options give the same frames (and GIF bytes).
 */
import { GIFEncoder, quantize, applyPalette } from 'gifenc';
import { Muxer, ArrayBufferTarget } from 'webm-muxer';
import type { Timeline } from '@engine/api';
import { endSeqAt, timeAt } from '@store/timeline';
import { createDerived } from '@store/derived';
import { fmtTime } from '@lib/format';
import { planFrames, frameHeight, type AnimOptions, type FramePlan } from '@lib/animationPlan';
import { drawDiagram } from './diagramPng';

export type AnimFormat = 'gif' | 'webm';
export interface Progress { done: number; total: number }

const CAPTION_H = 56;

/** Each export walks the run with derived views of its own, apart from the page's cache. */
type Derived = ReturnType<typeof createDerived>;

function css(name: string, fallback: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
}

/** The frames' plan and size for a timeline and options (cheap: draws one diagram to learn its aspect). */
export function layoutOf(tl: Timeline, o: AnimOptions, dv: Derived = createDerived()): { plan: FramePlan[]; width: number; height: number } {
  const plan = planFrames(tl.times, tl.firstAction, o);
  const first = drawDiagram(dv.viewAt(tl, plan[0]?.action ?? 0), tl.doc, ' ', o.width);
  return { plan, width: o.width, height: frameHeight(o.width, first.height / first.width, o.captions) };
}

/** Draws the frame of `action` onto `g` (w × h). */
function paint(dv: Derived, g: CanvasRenderingContext2D, tl: Timeline, action: number, o: AnimOptions, w: number, h: number) {
  const end = endSeqAt(tl, action);
  const caption = `t = ${fmtTime(timeAt(tl, action))} · event ${end}`;
  const d = drawDiagram(dv.viewAt(tl, action), tl.doc, caption, o.width);
  const room = h - (o.captions ? CAPTION_H : 0);
  const k = Math.min(w / d.width, room / d.height);
  g.fillStyle = css('--bg', '#f5f6f8'); g.fillRect(0, 0, w, h);
  g.drawImage(d, Math.round((w - d.width * k) / 2), 0, Math.round(d.width * k), Math.round(d.height * k));
  if (!o.captions) return;
  let note = '';
  for (const n of dv.notesOf(tl)) { if (n.seq < end) note = String(n.detail['text'] ?? ''); else break; }
  g.fillStyle = css('--panel', '#ffffff'); g.fillRect(0, room, w, CAPTION_H);
  g.fillStyle = css('--line', '#d5dae1'); g.fillRect(0, room, w, 1);
  g.fillStyle = css('--ink', '#14171c'); g.font = '14px system-ui, DejaVu Sans, sans-serif'; g.textBaseline = 'middle';
  wrap(g, note, w - 24).slice(0, 2).forEach((line, i, all) => g.fillText(line, 12, room + CAPTION_H / 2 + (i - (all.length - 1) / 2) * 18));
}

function wrap(g: CanvasRenderingContext2D, text: string, max: number): string[] {
  const lines: string[] = [];
  let cur = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = cur ? `${cur} ${word}` : word;
    if (g.measureText(next).width <= max || !cur) cur = next; else { lines.push(cur); cur = word; }
  }
  if (cur) lines.push(cur);
  if (lines.length > 2) lines[1] = `${lines[1]!.replace(/\s*\S*$/, '')} …`;
  return lines;
}

const tick = () => new Promise<void>((r) => setTimeout(r, 0));
function check(signal?: AbortSignal) { if (signal?.aborted) throw new DOMException('cancelled', 'AbortError'); }

/** Renders and encodes; reports progress after each frame; rejects with an AbortError when cancelled. */
export async function encodeAnimation(tl: Timeline, o: AnimOptions, format: AnimFormat, onProgress: (p: Progress) => void, signal?: AbortSignal): Promise<Blob> {
  const dv = createDerived();
  const { plan, width: w, height: h } = layoutOf(tl, o, dv);
  const canvas = document.createElement('canvas');
  canvas.width = w; canvas.height = h;
  const g = canvas.getContext('2d', { willReadFrequently: format === 'gif' });
  if (!g) throw new Error('this browser cannot draw on a canvas');
  return format === 'gif' ? gif(dv, tl, o, plan, g, w, h, onProgress, signal) : webm(dv, tl, o, plan, canvas, g, onProgress, signal);
}

async function gif(dv: Derived, tl: Timeline, o: AnimOptions, plan: FramePlan[], g: CanvasRenderingContext2D, w: number, h: number, onProgress: (p: Progress) => void, signal?: AbortSignal): Promise<Blob> {
  const enc = GIFEncoder();
  for (let i = 0; i < plan.length; i++) {
    check(signal);
    paint(dv, g, tl, plan[i]!.action, o, w, h);
    const { data } = g.getImageData(0, 0, w, h);
    const palette = quantize(data, 256, { format: 'rgb444' });
    enc.writeFrame(applyPalette(data, palette, 'rgb444'), w, h, { palette, delay: plan[i]!.delayMs, repeat: 0 });
    onProgress({ done: i + 1, total: plan.length });
    await tick();
  }
  enc.finish();
  return new Blob([enc.bytes() as Uint8Array<ArrayBuffer>], { type: 'image/gif' });
}

export function webmSupported(): boolean {
  return typeof VideoEncoder !== 'undefined' && typeof VideoFrame !== 'undefined';
}

async function webm(dv: Derived, tl: Timeline, o: AnimOptions, plan: FramePlan[], canvas: HTMLCanvasElement, g: CanvasRenderingContext2D, onProgress: (p: Progress) => void, signal?: AbortSignal): Promise<Blob> {
  if (!webmSupported()) throw new Error('this browser has no WebCodecs video encoder: export a GIF instead');
  const { width, height } = canvas;
  const config: VideoEncoderConfig = { codec: 'vp8', width, height, bitrate: 1_500_000, framerate: 30 };
  if (!(await VideoEncoder.isConfigSupported(config)).supported) throw new Error(`this browser cannot encode VP8 video at ${width}×${height}: export a GIF instead`);
  const muxer = new Muxer({ target: new ArrayBufferTarget(), video: { codec: 'V_VP8', width, height, frameRate: 30 } });
  let failure: Error | null = null;
  const enc = new VideoEncoder({ output: (chunk, meta) => muxer.addVideoChunk(chunk, meta), error: (e) => { failure = e; } });
  enc.configure(config);
  let t = 0;
  try {
    for (let i = 0; i < plan.length; i++) {
      check(signal);
      if (failure) throw failure;
      paint(dv, g, tl, plan[i]!.action, o, width, height);
      const dur = plan[i]!.delayMs * 1000;
      const frame = new VideoFrame(canvas, { timestamp: t, duration: dur });
      enc.encode(frame, { keyFrame: i % 30 === 0 });
      frame.close();
      t += dur;
      while (enc.encodeQueueSize > 4) await new Promise((r) => setTimeout(r, 5));
      onProgress({ done: i + 1, total: plan.length });
      await tick();
    }
    await enc.flush();
  } finally {
    if (enc.state !== 'closed') enc.close();
  }
  if (failure) throw failure;
  muxer.finalize();
  return new Blob([muxer.target.buffer], { type: 'video/webm' });
}
