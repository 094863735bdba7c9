/** Code snippets for code and noformat macros, parameterised by a service name. */

export interface CodeSample {
  language: string;
  title: string;
  code: (service: string) => string;
}

export const CODE_SAMPLES: readonly CodeSample[] = [
  {
    language: 'python',
    title: 'retry.py',
    code: (s) =>
      `import time\n\n\ndef call_with_retry(client, attempts=3, backoff=0.2):\n    """Call ${s} and retry transient failures."""\n    for attempt in range(attempts):\n        try:\n            return client.get("/health")\n        except TimeoutError:\n            if attempt == attempts - 1:\n                raise\n            time.sleep(backoff * 2 ** attempt)\n`,
  },
  {
    language: 'bash',
    title: 'Restart the workers',
    code: (s) =>
      `#!/usr/bin/env bash\nset -euo pipefail\nif [ $# -lt 1 ]; then\n  echo "usage: $0 <namespace>" >&2\n  exit 1\nfi\nkubectl -n "$1" rollout restart deployment/${s} && \\\n  kubectl -n "$1" rollout status deployment/${s} --timeout=300s`,
  },
  {
    language: 'yaml',
    title: 'values.yaml',
    code: (s) =>
      `service:\n  name: ${s}\n  replicas: 3\nresources:\n  limits:\n    cpu: "500m"\n    memory: 512Mi\nalerts:\n  - name: HighErrorRate\n    expr: rate(http_requests_total{status=~"5.."}[5m]) > 0.05`,
  },
  {
    language: 'json',
    title: 'Example response',
    code: (s) =>
      `{\n  "results": [\n    { "id": "ord_1042", "service": "${s}", "status": "settled", "amount": 1299 }\n  ],\n  "_links": { "next": "/api/v2/orders?cursor=eyJpZCI6MTA0Mn0" }\n}`,
  },
  {
    language: 'sql',
    title: 'Find stuck jobs',
    code: (s) =>
      `SELECT id, queue, attempts, updated_at\nFROM jobs\nWHERE service = '${s}'\n  AND state = 'running'\n  AND updated_at < now() - interval '15 minutes'\nORDER BY updated_at\nLIMIT 50;`,
  },
  {
    language: 'typescript',
    title: 'client.ts',
    code: (s) =>
      `export async function listAll<T>(fetchPage: (cursor?: string) => Promise<Page<T>>): Promise<T[]> {\n  const items: T[] = [];\n  let cursor: string | undefined;\n  do {\n    const page = await fetchPage(cursor); // ${s}\n    items.push(...page.results);\n    cursor = page.next && page.next.length > 0 ? page.next : undefined;\n  } while (cursor);\n  return items;\n}`,
  },
  {
    language: 'java',
    title: 'HealthCheck.java',
    code: (s) =>
      `public final class HealthCheck {\n    private final Map<String, Boolean> checks = new HashMap<>();\n\n    public boolean healthy() {\n        // ${s}: every dependency must answer\n        return checks.values().stream().allMatch(ok -> ok != null && ok);\n    }\n}`,
  },
  {
    language: 'go',
    title: 'main.go',
    code: (s) =>
      `package main\n\nimport (\n\t"log"\n\t"net/http"\n)\n\nfunc main() {\n\thttp.HandleFunc("/healthz", func(w http.ResponseWriter, r *http.Request) {\n\t\tw.WriteHeader(http.StatusOK)\n\t})\n\tlog.Println("${s} listening on :8080")\n\tlog.Fatal(http.ListenAndServe(":8080", nil))\n}`,
  },
  {
    language: 'bash',
    title: 'Call the API',
    code: (s) =>
      `curl -sS -H "Authorization: Bearer $TOKEN" \\\n  "https://api.example.com/${s}/v2/items?limit=25&cursor=$CURSOR" | jq '.results[] | {id, status}'`,
  },
];

/** Log excerpts for noformat macros. */
export const LOG_SAMPLES: readonly ((service: string) => string)[] = [
  (s) =>
    `2025-03-02T10:14:07.311Z ERROR ${s} request failed status=503 upstream=ledger latency_ms=30012\n2025-03-02T10:14:07.412Z WARN  ${s} retrying attempt=2 backoff_ms=400\n2025-03-02T10:14:08.020Z INFO  ${s} request ok status=200 latency_ms=88`,
  (s) =>
    `NAME                          READY   STATUS             RESTARTS   AGE\n${s}-7d9f8c6b5-2xkqv   1/1     Running            0          3d\n${s}-7d9f8c6b5-9wz4m   0/1     CrashLoopBackOff   14         47m`,
  (s) => `$ ${s} --version\n${s} 4.12.3 (build 8f2c1a0, go1.22.1)\n$ echo "done" && exit 0`,
];
