/**
 * Finding what a request names: the project a request is scoped to (LlamaCloud falls back to the caller's default
 * project when neither `project_id` nor `project_name` is given) and the pipeline of a `{pipeline_id}` path.
 */
import { notFound } from '../http/errors';
import { Query } from '../http/context';
import { Checker } from '../http/validation';
import { Pipeline, Project } from '../store/model';
import { Store } from '../store/store';

/**
 * The project of `project_id` or `project_name` (404 when unknown), else the default project. `organization_id`,
 * when given, must be the emulator's one organization. Validation issues go to `check` (the caller calls `done()`).
 */
export function scopedProject(store: Store, check: Checker, query: Query, options: { byName?: boolean } = {}): () => Project {
  const projectId = check.queryUuid(query, 'project_id');
  const projectName = options.byName ? check.queryString(query, 'project_name') : undefined;
  const organizationId = check.queryUuid(query, 'organization_id');
  return () => {
    if (organizationId !== undefined && organizationId !== store.organization.id) throw notFound('Organization not found');
    if (projectId !== undefined) {
      const project = store.projects.get(projectId);
      if (!project) throw notFound('Project not found');
      return project;
    }
    if (projectName !== undefined) {
      const project = store.projectByName(projectName);
      if (!project) throw notFound('Project not found');
      return project;
    }
    return store.defaultProject();
  };
}

/** The pipeline of the `pipeline_id` path parameter, after all validation passed. */
export function pathPipeline(store: Store, check: Checker, params: Record<string, string>): () => Pipeline {
  const id = check.uuid(['path', 'pipeline_id'], params.pipeline_id);
  return () => {
    const pipeline = id === undefined ? undefined : store.pipelines.get(id);
    if (!pipeline) throw notFound('Pipeline not found');
    return pipeline;
  };
}
