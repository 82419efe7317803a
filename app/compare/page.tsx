import type { Metadata } from 'next';
import { CompareClient } from './CompareClient';

export const metadata: Metadata = {
  title: 'Interdomain Playground: compare vsock, xenstore and V4V',
  description: 'One scenario run three ways side by side on one clock: vsock with the connection manager, vsock with xenstore as the broker, and V4V.',
};

/** /compare: `?preset=id` or a share link's `s=`; `embed=1` for an iframe. */
export default function ComparePage() {
  return <CompareClient />;
}
