/** `npm run emulator -- [flags]` / `node dist/tools/confluence-emulator/main.js [flags]`. */
import { USAGE, parseCli } from './cli';
import { startEmulator } from './server';

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
  const emulator = await startEmulator(options);
  const { world } = emulator.control;
  const base = emulator.control.flavor === 'cloud' ? `${emulator.url}/wiki` : emulator.url;
  process.stdout.write(`listening on ${emulator.url}\n`);
  process.stderr.write(
    `${emulator.control.flavor} API at ${base}: ${world.spaces.size} spaces, ${world.pages.size} pages. ` +
      `Sign in as alice@example.com / token-alice (Cloud) or Bearer pat-alice (Data Center).\n`,
  );
  const stop = () => {
    emulator.close().then(() => process.exit(0), () => process.exit(1));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: Error) => {
  process.stderr.write(`emulator failed to start: ${error.message}\n`);
  process.exit(1);
});
