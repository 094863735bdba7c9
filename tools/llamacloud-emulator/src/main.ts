/** `npm run llamacloud-emulator -- [flags]` / `node dist/tools/llamacloud-emulator/main.js [flags]`. */
import { USAGE, parseCli } from './cli';
import { startLlamaCloudEmulator } from './server';

async function main(): Promise<void> {
  let options;
  try {
    options = parseCli(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${USAGE}\n`);
    process.exit(2);
  }
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const emulator = await startLlamaCloudEmulator(options);
  const projects = emulator.control.projects().map((project) => project.name);
  process.stdout.write(`listening on ${emulator.url}\n`);
  process.stderr.write(
    `LlamaCloud API at ${emulator.url}/api/v1: projects ${projects.join(', ')}. ` +
      `Authorization: Bearer ${options.apiKeys ? '<one of the --api-key values>' : 'llx-emulator'}.\n`,
  );
  const stop = () => {
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: Error) => {
  process.stderr.write(`llamacloud-emulator failed to start: ${error.message}\n`);
  process.exit(1);
});
