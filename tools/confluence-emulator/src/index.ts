/**
 * A local emulator of the Confluence Cloud (REST v2 + the v1 routes Cloud still needs) and Data Center REST APIs,
 * written from Atlassian's public OpenAPI specs and observed responses.
 *
 * @example
 * const emulator = await startEmulator({ spaces: 2, pagesPerSpace: 50 });
 * const res = await fetch(`${emulator.url}/wiki/api/v2/spaces`, { headers: { authorization: basic('alice@example.com', 'token-alice') } });
 * await emulator.close();
 */
export { startEmulator } from './server';
export type { RunningEmulator } from './server';
export type { EmulatorControl } from './control';
export type { EmulatorOptions, Flavor, RateLimitOptions } from './options';
export type { InjectedFault, FaultMatch } from './http/faults';
export type { LoggedRequest } from './http/request-log';
export type * from './model';
