import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './src/pglog/schema.ts',
  out: './drizzle/pglog',
  schemaFilter: ['eventbus'],
});
