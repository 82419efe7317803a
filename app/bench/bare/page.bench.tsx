import { BareClient } from './BareClient';

/** /bench/bare: React Flow with the benchmark's graph and the app's node/edge components, nothing else. */
export default function BarePage() {
  return <BareClient />;
}
