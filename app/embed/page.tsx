import type { Metadata } from 'next';
import { EmbedClient } from './EmbedClient';
import { EmbedPreview } from '../StaticPreview';
import '../../components/embed/embed.css';

export const metadata: Metadata = {
  title: 'Interdomain Playground (embedded)',
  description: 'An embeddable view of the Interdomain Playground: diagram, time controls and narration.',
};

export default function EmbedPage() {
  return <EmbedClient preview={<EmbedPreview />} />;
}
