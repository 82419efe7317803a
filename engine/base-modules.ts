/**
 * The modules the page's first load carries: the design under study, vsock with the
 * connection manager. The page fetches the V4V transport and the xenstore broker the
 * first time a document needs them and passes them along (store/transport.ts).
 */
import type { SimModule } from './sim/module';
import { vsockTransport } from './vsock/module';
import { connectionManager } from './vsock/cm-module';

export const BASE_MODULES: readonly SimModule[] = [vsockTransport, connectionManager];
