import { describe, expect, it } from 'vitest';
import { ConfigError, platformEnvSchema, readEnv, startupPolicy } from '../src/index.ts';

describe('configuration', () => {
  it('defaults to the embedded platform on port 3000', () => {
    const env = readEnv(platformEnvSchema, {});
    expect(env).toMatchObject({ PORT: 3000 });
    expect(startupPolicy(env)).toEqual({ embedded: true, seedDemo: true, introspection: true, production: false });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.KAFKA_BROKERS).toBeUndefined();
  });

  it('needs every key with an external database, naming each missing one, and seeds demo data there only when asked', () => {
    const external = { DATABASE_URL: 'postgres://db.example/liaison' };
    let caught: unknown;
    try {
      startupPolicy(readEnv(platformEnvSchema, external));
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as ConfigError).issues.map((i) => i.variable).sort()).toEqual(['AUDIT_KEY', 'COUNCIL_KEY', 'FIELD_KEY', 'WEBHOOK_KEY']);
    const key = Buffer.alloc(32, 1).toString('base64');
    const keys = { AUDIT_KEY: key, FIELD_KEY: key, COUNCIL_KEY: key, WEBHOOK_KEY: key };
    expect(startupPolicy(readEnv(platformEnvSchema, { ...external, ...keys }))).toMatchObject({ embedded: false, seedDemo: false });
    expect(startupPolicy(readEnv(platformEnvSchema, { ...external, ...keys, LIAISON_SEED_DEMO: 'true' }))).toMatchObject({
      seedDemo: true,
    });
    expect(startupPolicy(readEnv(platformEnvSchema, { NODE_ENV: 'production' }))).toMatchObject({ introspection: false, production: true });
    expect(startupPolicy(readEnv(platformEnvSchema, { NODE_ENV: 'production', GRAPHQL_INTROSPECTION: 'true' }))).toMatchObject({
      introspection: true,
    });
  });

  it('treats an empty variable as unset', () => {
    expect(readEnv(platformEnvSchema, { DATABASE_URL: '', KAFKA_BROKERS: '' })).toMatchObject({ PORT: 3000 });
    expect(readEnv(platformEnvSchema, { DATABASE_URL: '' }).DATABASE_URL).toBeUndefined();
  });

  it('reads the New Year closure, or none', () => {
    expect(readEnv(platformEnvSchema, {}).NEW_YEAR_CLOSURE).toEqual({ from: '12-29', to: '01-03' });
    expect(readEnv(platformEnvSchema, { NEW_YEAR_CLOSURE: '12-28..01-04' }).NEW_YEAR_CLOSURE).toEqual({ from: '12-28', to: '01-04' });
    expect(readEnv(platformEnvSchema, { NEW_YEAR_CLOSURE: 'none' }).NEW_YEAR_CLOSURE).toBeNull();
    expect(() => readEnv(platformEnvSchema, { NEW_YEAR_CLOSURE: 'December' })).toThrow(/NEW_YEAR_CLOSURE/);
  });

  it('reads brokers as a list', () => {
    expect(readEnv(platformEnvSchema, { KAFKA_BROKERS: '127.0.0.1:9092, 127.0.0.1:9093,' }).KAFKA_BROKERS).toEqual([
      '127.0.0.1:9092',
      '127.0.0.1:9093',
    ]);
  });

  it('names every bad variable without echoing its value', () => {
    let caught: unknown;
    try {
      readEnv(platformEnvSchema, { PORT: 'eighty', DATABASE_URL: 'postgres-with-secret-password' });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const error = caught as ConfigError;
    expect(error.issues.map((i) => i.variable).sort()).toEqual(['DATABASE_URL', 'PORT']);
    expect(error.message).not.toContain('secret-password');
  });
});
