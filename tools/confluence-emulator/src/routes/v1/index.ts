/**
 * REST v1. Cloud: CQL search, attachment upload, labels, users and spaces (v2 has no equal for these); v1
 * content itself answers 410 Gone unless `v1ContentGone` is off. Data Center: the whole v1 surface.
 */
import type { FastifyInstance } from 'fastify';
import { RouteDeps } from '../../http/context';
import { registerAttachments } from './attachments';
import { registerContentReads } from './content-dc';
import { registerContentWrites } from './content-write';
import { registerGone } from './gone';
import { registerLabels } from './labels';
import { registerMove } from './move';
import { registerSearch } from './search';
import { registerSpaceContent, registerSpaces } from './spaces';
import { registerUsers } from './users';

/** Register REST v1 under `prefixes` for the configured flavour. */
export function registerV1Routes(app: FastifyInstance, prefixes: string[], deps: RouteDeps): void {
  const generation = deps.options.flavor === 'dc' ? 'v1-dc' : 'v1-cloud';
  registerSearch(app, prefixes, deps);
  registerAttachments(app, prefixes, deps, generation);
  registerLabels(app, prefixes, deps, generation);
  registerUsers(app, prefixes, deps, generation);
  registerSpaces(app, prefixes, deps, generation);
  registerMove(app, prefixes, deps, generation);
  if (generation === 'v1-cloud' && deps.options.v1ContentGone) {
    registerGone(app, prefixes);
    return;
  }
  registerContentReads(app, prefixes, deps, generation);
  registerContentWrites(app, prefixes, deps, generation);
  registerSpaceContent(app, prefixes, deps, generation);
}
