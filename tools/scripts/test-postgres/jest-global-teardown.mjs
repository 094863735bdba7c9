// Jest `globalTeardown`: stops the PostgreSQL the global setup started (closing its stdin asks the supervisor to stop
// the server and delete its folder) and waits until it is gone, so no postgres process outlives the test run.
export default async function globalTeardown() {
  const child = globalThis.__TEST_POSTGRES__;
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.stdin.end();
  const timer = setTimeout(() => child.kill('SIGTERM'), 30_000);
  await exited;
  clearTimeout(timer);
}
