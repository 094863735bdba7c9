/** The generator's vocabulary: engineering docs, runbooks, meeting notes, designs and API references. */

export const SERVICES = [
  'billing-api', 'auth-service', 'search-indexer', 'ledger', 'notification-worker', 'gateway', 'order-service',
  'inventory-sync', 'reporting-etl', 'payments', 'media-transcoder', 'feature-flags', 'session-store',
  'webhook-relay', 'scheduler', 'catalog', 'identity-proxy', 'export-service',
] as const;

export const COMPONENTS = [
  'the load balancer', 'the Postgres primary', 'the Kafka cluster', 'the Redis cache', 'the CDN', 'the job queue',
  'the read replica', 'the ingress controller', 'the service mesh', 'the object store', 'the metrics pipeline',
  'the deploy pipeline', 'the Elasticsearch cluster', 'the NAT gateway',
] as const;

export const ENVIRONMENTS = ['production', 'staging', 'the sandbox', 'eu-west-1', 'us-east-1', 'the canary fleet'] as const;

export const TEAMS = [
  'Platform', 'Payments', 'Search', 'SRE', 'Data', 'Mobile', 'Identity', 'Growth', 'Developer Experience', 'Security',
] as const;

export const TOPICS = [
  'database failover', 'certificate rotation', 'cache invalidation', 'log retention', 'incident response',
  'blue-green deploys', 'rate limiting', 'schema migrations', 'single sign-on', 'backup & restore', 'cost allocation',
  'on-call handover', 'feature flag cleanup', 'queue backpressure', 'disk pressure alerts', 'API versioning',
  'cursor pagination', 'webhook retries', 'distributed tracing', 'secrets management', 'dependency upgrades',
  'capacity planning', 'access reviews', 'data retention', 'load testing', 'release trains', 'canary analysis',
  'error budgets', 'search relevance', 'tenant isolation', 'audit logging', 'push notifications', 'event sourcing',
  'multi-region writes', 'cold storage', 'GDPR requests', 'service ownership', 'build caching', 'flaky tests',
  'local development', 'DNS changes', 'cron jobs', 'connection pooling', 'alert routing', 'SLO reviews',
] as const;

export const METRICS = [
  'p99 latency', 'error rate', 'queue depth', 'CPU saturation', 'replication lag', 'cache hit ratio', 'consumer lag',
  '5xx rate', 'heap usage', 'connection pool usage',
] as const;

export const ALERTS = [
  'HighErrorRate', 'ReplicationLagHigh', 'DiskAlmostFull', 'QueueDepthCritical', 'CertificateExpiringSoon',
  'PodCrashLooping', 'SLOBurnRateFast',
] as const;

export const CONFIG_KEYS = [
  'max_connections', 'retry.backoff.ms', 'FEATURE_NEW_CHECKOUT', 'pool.size', 'cursor', 'rate_limit.per_minute',
  'cache.ttl_seconds', 'LOG_LEVEL', 'shutdown_grace_period', 'refresh_token',
] as const;

export const TOOLS = [
  'Grafana', 'PagerDuty', 'Terraform', 'kubectl', 'Argo CD', 'Datadog', 'OpenTelemetry', 'Sentry', 'pgbouncer',
  'the deploy bot', 'Vault', 'Backstage',
] as const;

export const ROLES = [
  'incident commander', 'release manager', 'on-call engineer', 'tech lead', 'product owner', 'security champion',
  'scribe',
] as const;

export const DURATIONS = ['5 minutes', '15 minutes', 'an hour', '30 seconds', 'two days', '24 hours', '90 seconds'] as const;

export const ACTIONS = [
  'rotate the credentials', 'drain the node pool', 'flush the cache', 'page the incident commander',
  'update the status page', 'run the smoke tests', 'pin the dependency versions', 'file a follow-up ticket',
  'snapshot the volume', 'bump the replica count', 'review the dashboards', 'pair with a buddy',
  'set up local tooling', 'clean up stale feature flags', 'archive the old runbooks', 'write the postmortem',
] as const;

/**
 * Sentence templates. `{slot}` names a list above (`count` is a number); `config` values are set in `<code>`
 * and `service` values sometimes in `<strong>`, as writers do.
 */
export const SENTENCES = [
  'The {service} service writes to {component} in {env}.',
  'If the {alert} alert fires, check {component} before paging the {team} team.',
  'We keep {metric} under {count} ms during peak traffic.',
  'Set {config} to {count} before you restart {service}.',
  'The {team} team owns {service} and reviews every change to {config}.',
  'During the last incident {component} in {env} stayed degraded for {duration}.',
  'Rollbacks take about {duration} and do not require a schema change.',
  'Use {tool} to {action} and record the result in the incident channel.',
  '{team} agreed to {action} before the next release.',
  'The proposal moves {topic} out of {service} into a dedicated worker.',
  'Requests are retried three times with exponential backoff starting at {count} ms.',
  'Every endpoint returns a cursor for pagination; pass it back as {config}.',
  'Ask the {role} to confirm that {metric} has recovered.',
  'We decided against {tool} because it adds another moving part to {env}.',
  'New engineers should {action} during their first week.',
  'Alerts for {metric} route to the {team} on-call rotation.',
  'Capacity in {env} is planned for {count} requests per second.',
  'The migration to {component} is tracked in the {topic} epic.',
  'Do not {action} while a deploy of {service} is in progress.',
  'Open question: who owns {topic}, and how do we test it in {env}?',
  'The dashboard shows {metric} for each region, including {env}.',
  'Tokens expire after {duration}; clients must refresh them using {config}.',
  'The {service} API responds with {count} items per page by default.',
  '{tool} collects traces from {service} and forwards them to {component}.',
  'Latency improved by {count}% after we tuned {config}.',
  'This section describes how {team} handles {topic}.',
  'Keep this short and link to the design doc for background on {topic}.',
  'Check {tool} for errors from {service} in the last {duration}.',
  'Error budgets for {service} are reviewed monthly with the {team} team.',
  'Q&A from the last review: {topic} stays with {team} until the next planning cycle.',
  'Before the change, {metric} spiked whenever {component} failed over.',
  'The {role} decides whether to {action} or wait for {metric} to settle.',
] as const;

export const EMOTICONS = [
  { name: 'smile', shortname: ':slight_smile:', id: '1f642', fallback: '🙂' },
  { name: 'tick', shortname: ':white_check_mark:', id: '2705', fallback: '✅' },
  { name: 'cross', shortname: ':x:', id: '274c', fallback: '❌' },
  { name: 'warning', shortname: ':warning:', id: '26a0', fallback: '⚠️' },
  { name: 'information', shortname: ':information_source:', id: '2139', fallback: 'ℹ️' },
  { name: 'light-on', shortname: ':bulb:', id: '1f4a1', fallback: '💡' },
  { name: 'thumbs-up', shortname: ':thumbsup:', id: '1f44d', fallback: '👍' },
  { name: 'blue-star', shortname: ':rocket:', id: '1f680', fallback: '🚀' },
  { name: 'blue-star', shortname: ':tada:', id: '1f389', fallback: '🎉' },
] as const;

export const LABELS = [
  'runbook', 'architecture', 'meeting-notes', 'how-to', 'decision', 'api', 'onboarding', 'incident', 'postmortem',
  'release-notes', 'draft', 'security', 'performance', 'kb-article', 'faq',
] as const;

export const STATUS_VALUES = [
  { title: 'Done', colour: 'Green' },
  { title: 'In progress', colour: 'Yellow' },
  { title: 'Blocked', colour: 'Red' },
  { title: 'Proposed', colour: 'Blue' },
  { title: 'Deprecated', colour: 'Grey' },
  { title: 'Accepted', colour: 'Green' },
  { title: 'Needs review', colour: 'Purple' },
] as const;
