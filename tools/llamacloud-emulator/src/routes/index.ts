/** Every route the emulator serves, by area. */
import type { FastifyInstance } from 'fastify';
import { RouteDeps } from '../http/context';
import { registerDocumentRoutes } from './documents';
import { registerPipelineRoutes } from './pipelines';
import { registerProjectRoutes } from './projects';
import { registerV2PipelineRoutes } from './v2-pipelines';

export function registerRoutes(app: FastifyInstance, deps: RouteDeps): void {
  registerProjectRoutes(app, deps);
  registerPipelineRoutes(app, deps);
  registerDocumentRoutes(app, deps);
  registerV2PipelineRoutes(app, deps);
}
