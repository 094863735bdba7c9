/**
 * The bodies of pipeline writes: PipelineCreate (create and upsert) and PipelineUpdate. The emulator checks the
 * fields it uses or echoes; nested configurations are kept as sent (objects), since nothing is embedded here.
 */
import { Checker } from '../http/validation';
import { PipelineSettings, PipelineType } from '../store/model';

const PIPELINE_TYPES = ['PLAYGROUND', 'MANAGED'] as const;
const NAME_LIMITS = { min: 1, max: 3000 };

/** Object settings that may be null, and those that may not. */
const NULLABLE_OBJECTS = ['embedding_config', 'transform_config', 'metadata_config'] as const;
const OBJECTS = ['preset_retrieval_parameters', 'eval_parameters', 'llama_parse_parameters'] as const;
const UUIDS = ['data_sink_id', 'embedding_model_config_id', 'managed_pipeline_id'] as const;

export interface PipelineWrite {
  name?: string;
  pipelineType?: PipelineType;
  settings: PipelineSettings;
}

/** A body that must be an object: pydantic's answer for a missing one and for anything else. */
function bodyObject(check: Checker, body: unknown): Record<string, unknown> | undefined {
  if (body === undefined) {
    check.add(['body'], 'missing', 'Field required');
    return undefined;
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    check.add(['body'], 'model_attributes_type', 'Input should be a valid dictionary or object to extract fields from');
    return undefined;
  }
  return body as Record<string, unknown>;
}

function settingsOf(check: Checker, body: Record<string, unknown>, nullableObjects: readonly string[], objects: readonly string[]): PipelineSettings {
  const settings: Record<string, unknown> = {};
  for (const key of nullableObjects) {
    const value = check.optionalObject(['body', key], body[key]);
    if (value !== undefined) settings[key] = value;
  }
  for (const key of objects) {
    if (body[key] === undefined) continue;
    const value = check.object(['body', key], body[key]);
    if (value !== undefined) settings[key] = value;
  }
  for (const key of UUIDS) {
    if (body[key] === undefined) continue;
    settings[key] = body[key] === null ? null : check.uuid(['body', key], body[key]);
  }
  return settings as PipelineSettings;
}

/** PipelineCreate: `name` is required; `pipeline_type` defaults to MANAGED. */
export function readPipelineCreate(check: Checker, body: unknown): PipelineWrite | undefined {
  const object = bodyObject(check, body);
  if (!object) return undefined;
  let name: string | undefined;
  if (object.name === undefined) check.add(['body', 'name'], 'missing', 'Field required');
  else name = check.string(['body', 'name'], object.name, NAME_LIMITS);
  const pipelineType = object.pipeline_type === undefined ? 'MANAGED' : check.enumValue(['body', 'pipeline_type'], object.pipeline_type, PIPELINE_TYPES);
  // PipelineCreate's llama_parse_parameters is not nullable, unlike PipelineUpdate's.
  return { name, pipelineType, settings: settingsOf(check, object, NULLABLE_OBJECTS, OBJECTS) };
}

/** PipelineUpdate: every field optional; null means "leave as it is" for the name. */
export function readPipelineUpdate(check: Checker, body: unknown): PipelineWrite | undefined {
  const object = bodyObject(check, body);
  if (!object) return undefined;
  const name = object.name === undefined || object.name === null ? undefined : check.string(['body', 'name'], object.name, NAME_LIMITS);
  const nullable = [...NULLABLE_OBJECTS, ...OBJECTS];
  return { name, settings: settingsOf(check, object, nullable, []) };
}
