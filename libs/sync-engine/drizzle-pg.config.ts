import { defineConfig } from 'drizzle-kit';

/** `npx drizzle-kit generate --config libs/sync-engine/drizzle-pg.config.ts --name <change>` writes a PostgreSQL migration. */
export default defineConfig({
  dialect: 'postgresql',
  schema: './libs/sync-engine/src/store/pg/schema.ts',
  out: './libs/sync-engine/migrations-pg',
});
