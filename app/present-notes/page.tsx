import type { Metadata } from 'next';
import { PresentNotesClient } from './PresentNotesClient';

export const metadata: Metadata = {
  title: 'Interdomain Playground: speaker notes',
  description: "The speaker's notes of a presentation of the Interdomain Playground: the current note in full and the next one.",
};

/** /present-notes: opened from presentation mode; follows it over a BroadcastChannel. */
export default function PresentNotesPage() {
  return <PresentNotesClient />;
}
