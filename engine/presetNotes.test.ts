/**
 * The presets whose narration reads differently on another transport or broker say what
 * each mode really shows: a run of them in any mode narrates its own text, never the
 * "written for another mode" line.
 */
import { describe, expect, it } from 'vitest';
import { PRESETS } from '../scenarios';
import { applyOverrides, parseScenario, runScenario, type ScenarioDoc } from './index';

const PER_MODE = ['flood-isolation', 'shed-flooder', 'v4v-wakeup-storm', 'v4v-no-grants', 'connect-flood', 'xenstore-broker'];
const MODES = [
  { transport: 'vsock', broker: 'connection-manager' },
  { transport: 'vsock', broker: 'xenstore' },
  { transport: 'v4v', broker: 'connection-manager' },
] as const;

describe('preset notes per mode', () => {
  it.each(PER_MODE)('%s narrates every mode in its own words', (id) => {
    const p = PRESETS.find((x) => x.id === id);
    const parsed = parseScenario(p!.doc);
    if (!parsed.ok) throw new Error(parsed.error);
    const texts = MODES.map((m) => {
      const doc: ScenarioDoc = applyOverrides(parsed.doc, m);
      const notes = runScenario(doc).trace.filter((e) => e.kind === 'toolstack' && e.op === 'note').map((e) => (e.detail as { text: string }).text);
      expect(notes.length).toBe(doc.steps.filter((s) => s.note !== undefined).length);
      for (const t of notes) expect(t).not.toMatch(/was written for/);
      return notes.join('\n');
    });
    // the V4V narration is not the vsock one
    expect(texts[2]).not.toBe(texts[0]);
  });
});
