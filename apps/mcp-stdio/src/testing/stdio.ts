/** Test helpers: the built app, the environments that point it at an emulator, and a page alice may read. */
import type { RunningEmulator } from '@confluence-mcp/confluence-emulator';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** The esbuild output the e2e specs spawn (Nx runs `build` before `test`). */
export const BUILT_APP = join(__dirname, '..', '..', '..', '..', 'dist', 'apps', 'mcp-stdio', 'main.js');

export function assertBuilt(): void {
  if (!existsSync(BUILT_APP)) throw new Error(`${BUILT_APP} is missing: run \`npx nx build mcp-stdio\` first`);
}

export const CLOUD_TOKEN = 'token-alice';
export const DC_TOKEN = 'pat-alice';

/** Only what the app needs: nothing inherited from the shell running the tests can change the result. */
export function baseEnv(): Record<string, string> {
  return { PATH: process.env['PATH'] ?? '' };
}

export function envFor(emulator: RunningEmulator, flavor: 'cloud' | 'dc', extra: Record<string, string> = {}): Record<string, string> {
  const auth: Record<string, string> =
    flavor === 'cloud'
      ? { CONFLUENCE_URL: `${emulator.url}/wiki`, CONFLUENCE_USERNAME: 'alice@example.com', CONFLUENCE_API_TOKEN: CLOUD_TOKEN }
      : { CONFLUENCE_URL: emulator.url, CONFLUENCE_PERSONAL_TOKEN: DC_TOKEN, CONFLUENCE_FLAVOR: 'dc' };
  return { ...baseEnv(), ...auth, ...extra };
}

/** A current, unrestricted page in a space everyone may read. */
export function readablePage(emulator: RunningEmulator): { id: string; title: string; spaceKey: string } {
  const { world } = emulator.control;
  for (const page of world.pages.values()) {
    const space = world.spaces.get(page.spaceId);
    if (!space || space.permissions.read !== '*' || page.type !== 'page' || page.status !== 'current' || page.restrictions.read) continue;
    return { id: page.id, title: page.versions[page.versions.length - 1].title, spaceKey: space.key };
  }
  throw new Error('the emulator generated no readable page');
}
