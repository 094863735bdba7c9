/**
 * What a `serve --role worker` process listens with: `/healthz` only (for probes and container health checks); the
 * API lives in the `api` processes.
 */
import Fastify, { FastifyInstance } from 'fastify';
import type { RunStarter } from './context';

/** A Fastify app answering `GET /healthz` with the runs this worker carries, and 404 for anything else. */
export function buildHealthApp(runs: Pick<RunStarter, 'load'>): FastifyInstance {
  const app = Fastify({ logger: false, forceCloseConnections: true });
  app.get('/healthz', async () => {
    const { running, waiting } = runs.load();
    return { status: 'ok', role: 'worker', runs_in_flight: running, runs_waiting: waiting };
  });
  app.setNotFoundHandler(async (_request, reply) => reply.code(404).send({ error: 'this process is a sync worker: the API is served by the api processes', code: 'not_found' }));
  return app;
}
