import { platformEnvSchema, readEnv } from '@liaison/config';

/** The platform's configuration, validated once at start-up. */
export const env = () => readEnv(platformEnvSchema);
