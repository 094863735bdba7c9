/**
 * Contract test, Data Center: REST v1 under `/rest/api` answers in the shapes of swagger.v3.json (Atlassian
 * publishes no separate DC spec; DC serves the same shapes), errors in the v1 envelope (with `notSuccessful`) or
 * Tomcat's HTML 401. The last cases check that every route of a DC emulator was called.
 */
import { dcAuthCases } from './cases/dc-auth';
import { dcContentCases } from './cases/dc-content';
import { v1CommonCases } from './cases/v1-common';
import { v1ErrorCases } from './cases/v1-errors';
import { DC_ROUTES, coverageProblems } from './coverage';
import { useContractEnv } from './env';

describe('contract: Data Center', () => {
  const env = useContractEnv('dc');

  dcAuthCases(env);
  v1CommonCases(env);
  v1ErrorCases(env);
  dcContentCases(env);

  // Must stay last: it reads the counts of every call above.
  describe('coverage', () => {
    it('called every registered route, and only those', () => {
      const { control } = env.emulator;
      expect(coverageProblems(control.counts(), control.requests(), DC_ROUTES)).toEqual([]);
    });

    it('met every known mismatch (a fixed one must leave known-mismatches.ts)', () => {
      expect(env.staleMismatches()).toEqual([]);
    });
  });
});
