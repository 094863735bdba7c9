/** REST v1: on Cloud only where v2 has no equal; on Data Center, everything. */
import type { FastifyInstance } from 'fastify';
import { RouteDeps } from '../../http/context';

export function registerV1Routes(_app: FastifyInstance, _prefixes: string[], _deps: RouteDeps): void {
  // Filled in by the v1 routes (search, attachments upload, labels, users; Data Center content).
}
