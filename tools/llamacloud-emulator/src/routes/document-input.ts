/** The body of a document write: a list of the spec's CloudDocumentCreate, checked item by item as pydantic does. */
import { Checker } from '../http/validation';
import { DocumentInput } from '../store/model';

/** Every problem of every item is reported (`['body', 2, 'metadata']`); `undefined` when any was found. */
export function readDocuments(check: Checker, body: unknown): DocumentInput[] | undefined {
  if (body === undefined) {
    check.add(['body'], 'missing', 'Field required');
    return undefined;
  }
  if (!Array.isArray(body)) {
    check.add(['body'], 'list_type', 'Input should be a valid list');
    return undefined;
  }
  const before = check.issues.length;
  const documents = body.map((item, index) => readDocument(check, item, index));
  return check.issues.length === before ? (documents as DocumentInput[]) : undefined;
}

function readDocument(check: Checker, item: unknown, index: number): DocumentInput | undefined {
  const at = (field: string) => ['body', index, field];
  if (typeof item !== 'object' || item === null || Array.isArray(item)) {
    check.add(['body', index], 'model_attributes_type', 'Input should be a valid dictionary or object to extract fields from');
    return undefined;
  }
  const raw = item as Record<string, unknown>;
  const required = (field: string) => {
    if (raw[field] === undefined) check.add(at(field), 'missing', 'Field required');
    return raw[field] !== undefined;
  };
  const text = required('text') ? check.string(at('text'), raw.text) : undefined;
  const metadata = required('metadata') ? check.object(at('metadata'), raw.metadata) : undefined;
  const id = raw.id === undefined || raw.id === null ? null : check.string(at('id'), raw.id);
  const embedKeys = raw.excluded_embed_metadata_keys === undefined ? [] : check.stringList(at('excluded_embed_metadata_keys'), raw.excluded_embed_metadata_keys);
  const llmKeys = raw.excluded_llm_metadata_keys === undefined ? [] : check.stringList(at('excluded_llm_metadata_keys'), raw.excluded_llm_metadata_keys);
  const pagePositions = raw.page_positions === undefined || raw.page_positions === null ? null : check.intList(at('page_positions'), raw.page_positions);
  if (text === undefined || metadata === undefined || id === undefined || embedKeys === undefined || llmKeys === undefined || pagePositions === undefined) {
    return undefined;
  }
  return { id, text, metadata, excluded_embed_metadata_keys: embedKeys, excluded_llm_metadata_keys: llmKeys, page_positions: pagePositions };
}
