/** `runs [--index NAME] [--limit N] [--json]`: sync history, newest first. */
import { CommandLine, UsageError } from '../args';
import { Streams, bytesText } from '../output';
import { Environment, openStore } from '../wiring';

/** Prints the history of one index or of all; resolves to the exit code. */
export async function runsCommand(line: CommandLine, env: Environment, streams: Streams): Promise<number> {
  const opened = await openStore(env);
  const { store } = opened;
  try {
    const indexes = line.index ? [await store.findIndexByName(line.index)] : await store.listIndexes();
    if (indexes.some((index) => !index)) throw new UsageError(`--index: no index named "${line.index}"`);
    const rows = [];
    for (const index of indexes) {
      if (!index) continue;
      for (const run of await store.listRuns(index.id, { limit: line.limit ?? 20 })) {
        rows.push({ index: index.name, run_id: run.id, trigger: run.trigger, status: run.status, started_at: new Date(run.startedAt).toISOString(), duration_ms: run.durationMs, listed: run.listed, new: run.new, changed: run.changed, unchanged: run.unchanged, deleted: run.deleted, failed: run.failed, requests: run.requests, bytes: run.bytes, error: run.error });
      }
    }
    if (line.json || !streams.stdout.isTTY) streams.stdout.write(`${JSON.stringify(rows)}\n`);
    else {
      streams.stdout.write(
        rows.length
          ? rows.map((r) => `#${r.run_id} ${r.index} ${r.status} ${r.started_at} ${r.duration_ms ?? '-'} ms: ${r.new} new, ${r.changed} changed, ${r.deleted} deleted, ${r.requests} requests, ${bytesText(r.bytes)}${r.error ? ` (${r.error})` : ''}`).join('\n') + '\n'
          : 'No runs yet.\n',
      );
    }
    return 0;
  } finally {
    await opened.close();
  }
}
