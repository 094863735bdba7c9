import { defineConfig } from 'drizzle-kit';

/** `npx drizzle-kit generate --config libs/sync-engine/drizzle.config.ts --name <change>` writes a migration. */
export default defineConfig({
  dialect: 'sqlite',
  schema: './libs/sync-engine/src/store/schema.ts',
  out: './libs/sync-engine/migrations',
});
