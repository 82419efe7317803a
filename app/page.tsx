import { ClientPlayground } from './ClientPlayground';
import { PagePreview } from './StaticPreview';
import { recordRun } from '../store/recordRun';
import { FIRST_PRESET } from '../scenarios/catalog';

/** The first preset's run, recorded by the engine as the page is built (store/recordedRun.ts). */
const recorded = recordRun(FIRST_PRESET.id, FIRST_PRESET.doc);

export default function Page() {
  return <ClientPlayground preview={<PagePreview />} recorded={recorded} />;
}
