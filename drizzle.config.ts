import { defineConfig } from 'drizzle-kit';

// Migrations are generated (`npm run db:generate -- --name <what>`), never handwritten,
// and applied at start-up by src/db/migrate.ts for PGlite and PostgreSQL alike.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema',
  out: './migrations',
});
