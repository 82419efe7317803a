import { BareClient } from './BareClient';
import { recordRun } from '../../../store/recordRun';
import { toFlow } from '../../../store/toFlow';
import { FIRST_PRESET } from '../../../scenarios/catalog';

/**
 * The graph the playground's diagram opens with (the first preset at its first action, as
 * toFlow makes it), worked out when the page is built: opened on its own (Lighthouse), the
 * bare page draws the same React Flow graph as the playground, so it is a floor for what
 * the diagram costs; the frame harness hands in its own graph instead.
 */
const recorded = recordRun(FIRST_PRESET.id, FIRST_PRESET.doc);
const graph = recorded ? toFlow(recorded.views[0]!, recorded.doc) : null;

/** /bench/bare: React Flow with the benchmark's graph and the app's node/edge components, nothing else. */
export default function BarePage() {
  return <BareClient graph={graph} />;
}
