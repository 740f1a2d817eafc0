import Srf from 'drachtio-srf';
import type { SrfPort } from './srf-port.ts';

/**
 * A new, unconnected drachtio-srf instance. The cast is deliberate: drachtio-srf's bundled typings
 * declare proxyRequest as returning void (it returns a Promise when given no callback) and leave out
 * the connect options' `reconnect`; lib/srf.js matches SrfPort.
 */
export const createSrf = (): SrfPort => new Srf() as unknown as SrfPort;
