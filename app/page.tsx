import { ClientPlayground } from './ClientPlayground';
import { PagePreview } from './StaticPreview';

export default function Page() {
  return <ClientPlayground preview={<PagePreview />} />;
}
