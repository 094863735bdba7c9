/** Every route the emulator serves is an operation of LlamaCloud's spec, with the same method and path parameters. */
import { RunningLlamaCloudEmulator, startLlamaCloudEmulator } from '../server';
import { BEYOND_SPEC, toSpecPath } from './beyond-spec';
import { loadSpec, specOperations } from './openapi';

const spec = loadSpec();
const operations = new Set(specOperations(spec));
let emulator: RunningLlamaCloudEmulator;
beforeAll(async () => (emulator = await startLlamaCloudEmulator()));
afterAll(() => emulator.close());

const asSpec = (route: string) => {
  const space = route.indexOf(' ');
  return `${route.slice(0, space)} ${toSpecPath(route.slice(space + 1))}`;
};

describe('served routes against the spec', () => {
  it('serves the routes the sink needs (sanity: the route list is read from the server)', () => {
    expect(emulator.control.routes()).toEqual(
      expect.arrayContaining([
        'GET /api/v1/projects',
        'PUT /api/v1/pipelines',
        'PUT /api/v1/pipelines/:pipeline_id/documents',
        'DELETE /api/v1/pipelines/:pipeline_id/documents/:document_id',
        'GET /api/v1/pipelines/:pipeline_id/documents/:document_id/status',
      ]),
    );
  });

  it('declares every served route in the spec with that method and parameter names, except the listed ones', () => {
    const missing = emulator.control.routes().filter((route) => !operations.has(asSpec(route)) && !BEYOND_SPEC[route]);
    expect(missing).toEqual([]);
  });

  it('lists beyond the spec only routes that are served and really absent from it', () => {
    for (const route of Object.keys(BEYOND_SPEC)) {
      expect(emulator.control.routes()).toContain(route);
      expect(operations.has(asSpec(route))).toBe(false);
    }
  });

  it('serves no route twice', () => {
    expect(new Set(emulator.control.routes()).size).toBe(emulator.control.routes().length);
  });
});
