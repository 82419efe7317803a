/** `exercise` and `goals` (scenario 1.1): read, refused with the field's path, written back. */
import { describe, expect, it } from 'vitest';
import { parseScenario, scenarioToJson } from './index';
import { SPEC_EXAMPLE, withTop } from './fixtures';

const EX = { prompt: 'Let web reach db.', hints: ['Click a cell.'], editable: ['policy'] };
const GOALS = [
  { conn: 'q', state: 'connected', bytesReceived: 8192 },
  { dom: 1, field: 'grantsInUse', min: 1, max: 100 },
  { stat: 'spuriousWakeups', above: 'usefulWakeups' },
];
const ok = (raw: unknown) => {
  const p = parseScenario(raw);
  if (!p.ok) throw new Error(p.error);
  return p.doc;
};
const err = (raw: unknown) => {
  const p = parseScenario(raw);
  return p.ok ? 'accepted' : p.error;
};

describe('exercise and goals', () => {
  it('a document without them reads as before and writes neither', () => {
    const doc = ok(SPEC_EXAMPLE);
    expect(doc.exercise).toBeUndefined();
    expect(doc.goals).toBeUndefined();
    expect(scenarioToJson(doc)).not.toMatch(/exercise|goals/);
  });

  it('reads them (hints and editable default to empty) and writes them back unchanged', () => {
    const doc = ok(withTop({ exercise: EX, goals: GOALS }));
    expect(doc.exercise).toEqual(EX);
    expect(doc.goals).toEqual(GOALS);
    expect(ok(withTop({ exercise: { prompt: 'p' }, goals: GOALS })).exercise).toEqual({ prompt: 'p', hints: [], editable: [] });
    const text = scenarioToJson(doc);
    expect(scenarioToJson(ok(text))).toBe(text);
    expect(ok(text)).toEqual(doc);
  });

  it('a goal may name a connection the document does not make yet (the student may add it)', () => {
    expect(ok(withTop({ goals: [{ conn: 'later', state: 'connected' }] })).goals).toHaveLength(1);
  });

  const CASES: [string, unknown, string][] = [
    ['exercise not an object', { exercise: 'x' }, 'exercise: expected an object, got "x"'],
    ['exercise without prompt', { exercise: { hints: [] } }, 'exercise.prompt: required'],
    ['exercise unknown field', { exercise: { prompt: 'p', solution: 1 } }, 'exercise.solution: unknown field (known: prompt, hints, editable)'],
    ['empty hint', { exercise: { prompt: 'p', hints: ['a', ''] } }, 'exercise.hints[1]: expected a non-empty string of at most 1000 characters'],
    ['unknown editable', { exercise: { prompt: 'p', editable: ['seed'] } }, 'exercise.editable[0]: expected "policy" or "steps" or "domains" or "limits" or "xsm"'],
    ['editable twice', { exercise: { prompt: 'p', editable: ['steps', 'steps'] } }, 'exercise.editable[1]: "steps" is listed twice'],
    ['goals not a list', { goals: {} }, 'goals: expected an array of goals, got an object'],
    ['no goals', { goals: [] }, 'goals: expected at least 1 goal, got an empty array'],
    ['goal not an object', { goals: [3] }, 'goals[0]: expected a goal object'],
    ['goal without subject', { goals: [{ state: 'connected' }] }, 'goals[0]: a goal names one of conn, dom or stat'],
    ['goal with two subjects', { goals: [{ conn: 'q', stat: 'events', state: 'connected' }] }, 'goals[0].stat: a goal names one of conn, dom or stat, not both conn and stat'],
    ['bad state', { goals: [{ conn: 'q', state: 'open' }] }, 'goals[0].state: expected "connecting" or "connected" or "refused" or "reset" or "closed", got "open"'],
    ['conn goal missing state', { goals: [{ conn: 'q' }] }, 'goals[0].state: required for a conn goal'],
    ['negative bytes', { goals: [{ conn: 'q', state: 'connected', bytesReceived: -1 }] }, 'goals[0].bytesReceived: expected a non-negative safe integer, got -1'],
    ['conn goal with min', { goals: [{ conn: 'q', state: 'connected', min: 1 }] }, 'goals[0].min: unknown field for a conn goal (known: conn, state, reason, bytesReceived)'],
    ['unknown domain field', { goals: [{ dom: 1, field: 'ram', min: 1 }] }, 'goals[0].field: unknown domain report field "ram" (known: id, xenDomid, cid, grantsInUse, grantCapacity, eventChannelsInUse, peers, listening, vcpus, cpuBusyUs)'],
    ['dom goal without bounds', { goals: [{ dom: 1, field: 'peers' }] }, 'goals[0]: give min, max or both'],
    ['min above max', { goals: [{ dom: 1, field: 'peers', min: 3, max: 2 }] }, 'goals[0].max: must not be below min (3), got 2'],
    ['bad domain id', { goals: [{ dom: 40000, field: 'peers', min: 1 }] }, 'goals[0].dom: expected a domain id, an integer from 0 to 32751, got 40000'],
    ['unknown stat', { goals: [{ conn: 'q', state: 'connected' }, { stat: 'events', min: 1 }, { stat: 'foo' }] }, 'goals[2].stat: unknown stat "foo" (known: events, hypercalls, notifications, cmMessages, xenstoreOps, bytesThroughRings, ringFullWaits, wakeups, spuriousWakeups, retries, bytesCopiedByXen, notifyHypercalls, connectRequests, errors, endTimeUs, usefulWakeups)'],
    ['stat goal without bounds', { goals: [{ stat: 'events' }] }, 'goals[0]: give min, max or both'],
    ['above itself', { goals: [{ stat: 'events', above: 'events' }] }, 'goals[0].above: must name another stat than "events"'],
    ['fractional min', { goals: [{ stat: 'events', min: 1.5 }] }, 'goals[0].min: expected a safe integer, got 1.5'],
  ];
  for (const [label, top, want] of CASES) it(`refuses ${label}`, () => expect(err(withTop(top as Record<string, unknown>))).toBe(want));

  it('exercise and goals are checked after steps (a bad step is reported first)', () => {
    const doc = withTop({ goals: [{ stat: 'foo', min: 1 }] }) as { steps: unknown[] };
    doc.steps = [{ at: 0, op: 'nope' }];
    expect(err(doc)).toMatch(/^steps\[0\]\.op: unknown op "nope"/);
  });
});
