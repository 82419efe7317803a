import { BenchPageClient } from './BenchPageClient';

/** /bench/page: the real playground with the benchmark's flood scenario (for `npm run bench`). */
export default function BenchPage() {
  return <BenchPageClient />;
}
