import { ClientPlayground } from './ClientPlayground';

export default function Page() {
  return <ClientPlayground />;
}
