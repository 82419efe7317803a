/** Importing this module installs the V4V transport into the simulation (see sim/transport.ts). */
import { installV4v } from '../sim/transport';
import { v4vBoot, v4vDomainUp, v4vDomainGone, v4vStep } from './lifecycle';
import { v4vDispatch } from './tx';

installV4v({ boot: v4vBoot, domainUp: v4vDomainUp, domainGone: v4vDomainGone, step: v4vStep, dispatch: v4vDispatch });

export const V4V_INSTALLED = true;
