/**
 * Unit tests of the page's store run as a page would after fetching the V4V transport and
 * the xenstore broker (store/transport.ts): every preset can load.
 */
import { beforeAll } from 'vitest';
import { loadEngineFor } from './transport';

beforeAll(async () => {
  await loadEngineFor({ transport: 'v4v' });
  await loadEngineFor({ transport: 'vsock', broker: 'xenstore' });
});
