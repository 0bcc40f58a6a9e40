import type { AuthVariables, RequestIdVariables } from '@liaison/http';
import type { IntakeContext } from './domain/context.ts';

export type IntakeEnv = { Variables: AuthVariables & RequestIdVariables & { ctx: IntakeContext } };
