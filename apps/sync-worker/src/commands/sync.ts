/** `sync --spaces KEY[,KEY] [--destination local|llamacloud] [--index NAME] [--json]` */
import { IndexRecord, SyncFailedError, SyncStore, runSync } from '@confluence-mcp/sync-engine';
import type { ConfluenceClient } from '@confluence-mcp/confluence-client';
import { CommandLine, UsageError, defaultIndexName } from '../args';
import { Streams, bytesText, progressReporter, summaryJson } from '../output';
import { Environment, confluenceFromEnv, openStore, pipelineNameFor, sinkFor } from '../wiring';

/** Runs one sync; resolves to the exit code. */
export async function syncCommand(line: CommandLine, env: Environment, streams: Streams, signal: AbortSignal): Promise<number> {
  if (!line.spaces) throw new UsageError('sync: --spaces is required, e.g. sync --spaces ENG');
  const { client, meter } = confluenceFromEnv(env);
  const opened = await openStore(env);
  const { store } = opened;
  try {
    const index = await indexFor(store, client, line, env);
    const reporter = progressReporter(streams, line.json);
    const sink = sinkFor(index, opened, env);
    const machine = line.json || !streams.stdout.isTTY;
    try {
      const summary = await runSync({ client, store, index, sink, meter, signal, trigger: 'cli', labels: line.labels, onProgress: reporter.onProgress });
      reporter.stop();
      if (machine) streams.stdout.write(`${JSON.stringify(summaryJson(summary))}\n`);
      else {
        streams.stdout.write(
          `Synced ${index.spaces.join(', ')} into index "${index.name}" (${index.destination}): ${summary.listed} listed, ${summary.new} new, ${summary.changed} changed, ` +
            `${summary.unchanged} unchanged, ${summary.deleted} deleted, ${summary.failed} failed; ${summary.requests} requests, ${bytesText(summary.bytes)}, ${(summary.durationMs / 1000).toFixed(1)} s\n`,
        );
      }
      if (summary.failed > 0) streams.stderr.write(`warning: ${summary.failed} page(s) could not be converted; they are retried on the next run\n`);
      return 0;
    } catch (error) {
      reporter.stop();
      if (error instanceof SyncFailedError && machine) streams.stdout.write(`${JSON.stringify(summaryJson(error.summary))}\n`);
      throw error;
    }
  } finally {
    await opened.close();
  }
}

/** The index named by `--index` or after the spaces; created on first use, checked against the arguments after. */
async function indexFor(store: SyncStore, client: ConfluenceClient, line: CommandLine, env: Environment): Promise<IndexRecord> {
  const spaces = line.spaces ?? [];
  const name = line.index ?? defaultIndexName(spaces);
  const destination = line.destination ?? 'local';
  const existing = await store.findIndexByName(name);
  if (!existing) {
    const destinationConfig: Record<string, string> = destination === 'llamacloud' ? { pipeline: pipelineNameFor(name, env) } : {};
    return store.createIndex({ name, siteUrl: client.siteUrl, spaces, destination, destinationConfig });
  }
  if (existing.siteUrl !== client.siteUrl) throw new UsageError(`--index: "${name}" holds pages of ${existing.siteUrl}, not of ${client.siteUrl}; choose another --index`);
  if (line.destination && existing.destination !== line.destination) throw new UsageError(`--destination: index "${name}" syncs to ${existing.destination}; choose another --index for ${line.destination}`);
  const sameSpaces = [...existing.spaces].sort().join(',') === [...spaces].sort().join(',');
  // Changing the spaces of a named index is allowed: pages of dropped spaces are deleted by the run as gone.
  return sameSpaces ? existing : store.updateIndex(existing.id, { spaces });
}
