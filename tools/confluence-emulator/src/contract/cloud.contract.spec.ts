/**
 * Contract test, Cloud: every route of a Cloud emulator answers in the shapes of Atlassian's specs (v2: openapi-v2,
 * v1: swagger.v3), or of the observed error bodies and OAuth documents where the specs say nothing. The last case
 * checks that the cases above called every route the emulator registers.
 */
import { gatewayCases } from './cases/gateway';
import { v1CloudCases } from './cases/v1-cloud';
import { v1CommonCases } from './cases/v1-common';
import { v1ErrorCases } from './cases/v1-errors';
import { v2CommentCases } from './cases/v2-comments';
import { v2ErrorCases } from './cases/v2-errors';
import { v2PageCases } from './cases/v2-pages';
import { CLOUD_GONE_ROUTES, CLOUD_ROUTES, coverageProblems } from './coverage';
import { useContractEnv } from './env';

describe('contract: Cloud', () => {
  const env = useContractEnv('cloud');

  v2PageCases(env);
  v2CommentCases(env);
  v2ErrorCases(env);
  gatewayCases(env);
  v1CommonCases(env);
  v1ErrorCases(env);
  v1CloudCases(env);

  // Must stay last: it reads the counts of every call above.
  describe('coverage', () => {
    it('called every registered route, and only those', () => {
      const { control } = env.emulator;
      expect(coverageProblems(control.counts(), control.requests(), CLOUD_ROUTES, CLOUD_GONE_ROUTES)).toEqual([]);
    });

    it('met every known mismatch (a fixed one must leave known-mismatches.ts)', () => {
      expect(env.staleMismatches()).toEqual([]);
    });
  });
});
