/** Importing this module installs the xenstore broker into the simulation (see sim/transport.ts). */
import { installXsBroker } from '../sim/transport';
import {
  xsbrokerAddDomain, xsbrokerPair, xsbrokerRequest, xsbrokerOnWatch, xsbrokerAck, xsbrokerRingGone, xsbrokerFloodRequest,
  xsbrokerDomainGone,
} from './xsbroker';

installXsBroker({
  addDomain: xsbrokerAddDomain, pair: xsbrokerPair, request: xsbrokerRequest, onWatch: xsbrokerOnWatch, ack: xsbrokerAck,
  ringGone: xsbrokerRingGone, floodRequest: xsbrokerFloodRequest, domainGone: xsbrokerDomainGone,
});

export const XS_BROKER_INSTALLED = true;
