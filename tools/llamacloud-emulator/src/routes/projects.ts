/** `GET /api/v1/projects` (all, or one by name) and `GET /api/v1/projects/{project_id}`. */
import type { FastifyInstance } from 'fastify';
import { RouteDeps, route } from '../http/context';
import { notFound } from '../http/errors';
import { Checker } from '../http/validation';
import { projectJson } from './serialize';

export function registerProjectRoutes(app: FastifyInstance, { store }: RouteDeps): void {
  route(app, 'GET', '/api/v1/projects', ({ query }) => {
    const check = new Checker();
    const organizationId = check.queryUuid(query, 'organization_id');
    const name = check.queryString(query, 'project_name');
    check.done();
    if (organizationId !== undefined && organizationId !== store.organization.id) return [];
    return [...store.projects.values()].filter((project) => name === undefined || project.name === name).map(projectJson);
  });

  route(app, 'GET', '/api/v1/projects/:project_id', ({ params, query }) => {
    const check = new Checker();
    const id = check.uuid(['path', 'project_id'], params.project_id);
    const organizationId = check.queryUuid(query, 'organization_id');
    check.done();
    const project = id === undefined ? undefined : store.projects.get(id);
    if (!project || (organizationId !== undefined && organizationId !== project.organizationId)) throw notFound('Project not found');
    return projectJson(project);
  });
}
