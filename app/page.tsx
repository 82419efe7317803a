import { ClientPlayground } from './ClientPlayground';
import { PagePreview } from './StaticPreview';
import { recordRun } from '../store/recordRun';
import { FIRST_PRESET } from '../scenarios/catalog';
import { THEME_INIT } from './themeInit';

/** The first preset's run, recorded by the engine as the page is built (store/recordedRun.ts). */
const recorded = recordRun(FIRST_PRESET.id, FIRST_PRESET.doc);

export default function Page() {
  return (
    <>
      <script dangerouslySetInnerHTML={{ __html: THEME_INIT }} />
      <ClientPlayground preview={<PagePreview />} recorded={recorded} />
    </>
  );
}
