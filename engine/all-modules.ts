/** Every transport and broker: what the runner, scripts and tests run with. */
import type { SimModule } from './sim/module';
import { BASE_MODULES } from './base-modules';
import { xenstoreBroker } from './vsock/xsbroker-module';
import { v4vTransport } from './v4v/module';

export const ALL_MODULES: readonly SimModule[] = [...BASE_MODULES, xenstoreBroker, v4vTransport];
