/** `GET /healthz`: answers while the process serves, with the runs it is carrying (for probes and dashboards). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ApiDeps } from '../context';
import { HealthBody } from '../schemas';

export function registerHealthRoutes(root: FastifyInstance, deps: ApiDeps): void {
  root.withTypeProvider<ZodTypeProvider>().get(
    '/healthz',
    { schema: { tags: ['service'], summary: 'Liveness, and the runs this process is carrying', response: { 200: HealthBody } } },
    async () => {
      const { running, waiting } = deps.runs.load();
      return { status: 'ok' as const, runs_in_flight: running, runs_waiting: waiting };
    },
  );
}
