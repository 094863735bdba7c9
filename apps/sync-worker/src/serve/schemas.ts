/** zod schemas of the API's bodies, queries and answers (snake_case on the wire). They generate the OpenAPI document. */
import { z } from 'zod';

export const Username = z
  .string()
  .trim()
  .min(3, 'must be 3 to 64 characters')
  .max(64, 'must be 3 to 64 characters')
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits, dot, dash and underscore, starting with a letter or digit');

export const RegisterBody = z.object({
  username: Username,
  email: z.email('must be an email address').max(254),
  // 1024 caps the work one request can make scrypt do; 8 is NIST's minimum.
  password: z.string().min(8, 'must be at least 8 characters').max(1024, 'must be at most 1024 characters'),
});

export const UserBody = z.object({ id: z.string(), username: z.string(), email: z.string(), created_at: z.string().describe('ISO 8601') }).meta({ id: 'User' });

export const LoginBody = z.object({ username: z.string().trim().min(1, 'required').max(64), password: z.string().min(1, 'required').max(1024) });

export const TokenBody = z
  .object({ access_token: z.string(), token_type: z.literal('bearer'), expires_in: z.number().int().describe('Seconds until the token expires.') })
  .meta({ id: 'AccessToken' });

export const ConnectBody = z.object({ authorization_url: z.string().describe("Atlassian's consent page; send the user's browser there.") });

export const CallbackQuery = z.object({
  code: z.string().min(1).max(4096).optional(),
  state: z.string().min(1, 'required').max(512),
  error: z.string().max(200).optional().describe('Set by Atlassian when the user declined.'),
});

export const ConnectionStatus = z
  .object({
    connected: z.boolean().describe('Whether this user has a Confluence connection (OAuth).'),
    source: z.enum(['oauth', 'environment']).nullable().describe('Where syncs of this user get credentials: their OAuth connection, the server-wide ones from the environment, or none.'),
    site_url: z.string().nullable(),
    cloud_id: z.string().nullable(),
    scopes: z.array(z.string()),
    expires_at: z.string().nullable().describe('When the current access token expires (it is refreshed as needed).'),
    connected_at: z.string().nullable(),
  })
  .meta({ id: 'ConfluenceStatus' });

const SpaceKey = z.string().regex(/^~?[A-Za-z0-9_-]{1,255}$/, 'must be a space key (letters and digits, e.g. ENG)');
const IndexName = z.string().trim().min(1, 'must be 1 to 100 characters').max(100, 'must be 1 to 100 characters');
const Interval = z.number().int('must be a whole number').min(5, 'must be at least 5 minutes').max(10_080 * 4, 'must be at most 4 weeks');

export const CreateIndexBody = z.object({
  name: IndexName,
  confluence_spaces: z.array(SpaceKey).min(1, 'give at least one space key').max(100),
  interval_minutes: Interval.nullable().optional().describe('Sync every this many minutes; null or absent: only on demand.'),
  destination: z.enum(['local', 'llamacloud']).default('local'),
});

export const PatchIndexBody = z
  .object({
    name: IndexName.optional(),
    confluence_spaces: z.array(SpaceKey).min(1, 'give at least one space key').max(100).optional(),
    interval_minutes: Interval.nullable().optional(),
    destination: z.enum(['local', 'llamacloud']).optional(),
  })
  .refine((patch) => Object.keys(patch).length > 0, { message: 'give at least one field to change' });

export const IndexBody = z
  .object({
    id: z.string(),
    name: z.string(),
    confluence_spaces: z.array(z.string()),
    interval_minutes: z.number().nullable(),
    destination: z.enum(['local', 'llamacloud']),
    site_url: z.string(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .meta({ id: 'Index' });

export const IndexParams = z.object({ id: z.string().min(1).max(100) });

export const RunBody = z
  .object({
    id: z.number().int(),
    status: z.enum(['queued', 'running', 'succeeded', 'failed', 'cancelled']),
    trigger: z.enum(['cli', 'api', 'schedule']),
    started_at: z.string().describe('When it was queued; once running, when it started.'),
    finished_at: z.string().nullable(),
    duration_ms: z.number().nullable(),
    counts: z.object({ listed: z.number(), new: z.number(), changed: z.number(), unchanged: z.number(), deleted: z.number(), failed: z.number() }),
    requests: z.number().describe('HTTP requests made to Confluence (retries included).'),
    bytes: z.number().describe('Response bytes read from Confluence.'),
    error: z.string().nullable(),
  })
  .meta({ id: 'SyncRun' });

export const HistoryQuery = z.object({ limit: z.coerce.number().int('must be a whole number').min(1).max(200).default(50) });

export const SearchQuery = z.object({
  q: z.string().trim().min(1, 'give the words to search for').max(500),
  limit: z.coerce.number().int('must be a whole number').min(1, 'must be 1 to 50').max(50, 'must be 1 to 50').default(10),
});

export const SearchHitBody = z.object({
  page_id: z.string(),
  space_key: z.string(),
  title: z.string(),
  url: z.string(),
  heading_path: z.string(),
  snippet: z.string(),
  score: z.number(),
});

export const PageBody = z.object({ page_id: z.string(), space_key: z.string(), title: z.string(), url: z.string(), version: z.number().nullable(), chunks: z.number(), synced_at: z.string().nullable() });

export const HealthBody = z.object({ status: z.literal('ok'), runs_in_flight: z.number(), runs_waiting: z.number() });
