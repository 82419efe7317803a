import type { Metadata } from 'next';
import { EmbedClient } from './EmbedClient';
import { EmbedPreview } from '../StaticPreview';
import '../../components/embed/embed.css';
import { recordRun } from '../../store/recordRun';
import { FIRST_PRESET } from '../../scenarios/catalog';

/** The first preset's run, recorded by the engine as the page is built (store/recordedRun.ts). */
const recorded = recordRun(FIRST_PRESET.id, FIRST_PRESET.doc);

export const metadata: Metadata = {
  title: 'Interdomain Playground (embedded)',
  description: 'An embeddable view of the Interdomain Playground: diagram, time controls and narration.',
};

export default function EmbedPage() {
  return <EmbedClient preview={<EmbedPreview />} recorded={recorded} />;
}
