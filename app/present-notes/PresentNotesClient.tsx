'use client';
import { clientOnly } from '@lib/lazy';

const Notes = clientOnly(() => import('../../components/present/NotesWindow').then((m) => m.default), (
  <main className="notes-window"><p className="muted">Waiting for the presentation…</p></main>
));

export function PresentNotesClient() {
  return <Notes />;
}
