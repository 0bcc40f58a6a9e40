import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './src/idempotency-schema.ts',
  out: './drizzle',
  schemaFilter: ['idempotency'],
});
