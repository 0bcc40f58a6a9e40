import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { printSdl } from '../src/index.ts';

describe('GraphQL contract', () => {
  it('schemas/graphql/schema.graphql is what the Pothos schema prints (run `pnpm gen` after changing it)', () => {
    const committed = readFileSync(resolve(dirname(fileURLToPath(import.meta.url)), '../../../schemas/graphql/schema.graphql'), 'utf8');
    expect(committed).toBe(printSdl());
  });
});
