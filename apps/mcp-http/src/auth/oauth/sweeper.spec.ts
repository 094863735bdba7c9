/** The sweeper sweeps once as it starts, logs what it deleted, and survives a failing sweep (logged, not thrown). */
import { createSecretBox } from '@confluence-mcp/confluence-client';
import { createLogger } from '@confluence-mcp/logging';
import { OAuthStore } from './store';
import { startSweeper } from './sweeper';

it('sweeps at start and logs the counts; a failing sweep is logged, not thrown', () => {
  let clock = 1_000_000;
  const lines: Array<Record<string, unknown>> = [];
  const log = createLogger({ destination: { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) } });
  const store = new OAuthStore(':memory:', createSecretBox('sweeper-spec-secret-key-0123456789-abcdef'), () => clock);
  store.savePending('state-1', { clientId: 'c1', redirectUri: 'http://127.0.0.1/cb', codeChallenge: 'ch', scopes: [] }, 1_000);
  clock += 1_001;
  const stop = startSweeper(store, log);
  stop();
  expect(lines).toEqual([expect.objectContaining({ msg: 'oauth store swept', pending: 1, codes: 0 })]);
  store.close();
  expect(() => startSweeper(store, log)()).not.toThrow();
  expect(lines[1]).toMatchObject({ level: 40, msg: 'oauth store sweep failed' });
});
