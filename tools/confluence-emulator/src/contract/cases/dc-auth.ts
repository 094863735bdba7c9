/** Data Center outside v1 content: Tomcat's HTML 401, attachment bytes, and the OAuth routes every flavour has. */
import { WELL_KNOWN_USERS } from '../../content';
import type { ContractResponse } from '../client';
import { basic } from '../client';
import { ContractEnv, must } from '../env';
import { observed } from '../observed';
import { ACCESSIBLE_RESOURCES, V1_ERROR } from '../shapes';
import { oauthTokens } from './gateway';

/** Tomcat's 401 page must carry what the observed one does (observed-errors.json `dc-401-html-tomcat`). */
export function tomcat401(response: ContractResponse): string[] {
  const page = observed('dc-401-html-tomcat').body_raw ?? '';
  // The observed page's fixed parts; its <style> block is cosmetic.
  const parts = ['<!doctype html><html lang="en"><head><title>HTTP Status 401 – Unauthorized</title>', '<h1>HTTP Status 401 – Unauthorized</h1>', '<p><b>Type</b> Status Report</p>', '<h3>Apache Tomcat/'];
  const problems = parts.filter((part) => page.includes(part) && !response.text.includes(part)).map((part) => `HTML 401 lacks ${JSON.stringify(part)}`);
  if (!(response.headers.get('content-type') ?? '').startsWith('text/html')) problems.push(`content-type ${response.headers.get('content-type')}, expected text/html`);
  return problems;
}

/** Register the Data Center auth, download and OAuth cases. */
export function dcAuthCases(env: ContractEnv): void {
  describe('Data Center: auth, downloads, OAuth routes', () => {
    it('answers bad credentials with the Tomcat HTML page, and accepts PAT and Basic password', async () => {
      const { api } = env;
      const alice = WELL_KNOWN_USERS[0];
      const download = firstDownload(env);
      for (const auth of [null, 'Bearer not-a-pat', basic(alice.username, 'wrong'), basic(alice.email, alice.apiToken)]) {
        await api.get(download, { status: 401, auth, check: tomcat401 });
      }
      await api.get(download, { status: 200, auth: basic(alice.username, alice.password), noBody: true });
    });

    it('serves attachment bytes directly (no media redirect), and 404s in the v1 envelope', async () => {
      const { api } = env;
      const world = env.emulator.control.world;
      const attachment = must([...world.attachments.values()].find((a) => a.status === 'current' && !world.pages.get(a.pageId)?.restrictions.read), 'visible attachment');
      await api.get(`/download/attachments/${attachment.pageId}/${encodeURIComponent(attachment.title)}?version=${attachment.versionNumber}`, {
        status: 200,
        noBody: true,
        check: (response) => [
          ...(response.bytes.equals(attachment.data) ? [] : [`${response.bytes.length} bytes differ from the attachment's ${attachment.data.length}`]),
          ...((response.headers.get('content-type') ?? '').startsWith(attachment.mediaType) ? [] : [`content-type ${response.headers.get('content-type')}, expected ${attachment.mediaType}`]),
        ],
      });
      await api.get(`/download/attachments/${attachment.pageId}/no-such-file.bin`, { status: 404, shape: { key: 'v1-error', schema: V1_ERROR } });
    });

    it('serves the OAuth routes (registered on every flavour)', async () => {
      const tokens = await oauthTokens(env.api);
      await env.api.get('/oauth/token/accessible-resources', { status: 200, auth: `Bearer ${String(tokens.data.access_token)}`, shape: { key: 'accessible-resources', schema: ACCESSIBLE_RESOURCES } });
    });
  });
}

function firstDownload(env: ContractEnv): string {
  const world = env.emulator.control.world;
  const attachment = must([...world.attachments.values()].find((a) => a.status === 'current' && !world.pages.get(a.pageId)?.restrictions.read), 'visible attachment');
  return `/download/attachments/${attachment.pageId}/${encodeURIComponent(attachment.title)}`;
}
