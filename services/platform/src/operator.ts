import { verifyToken } from '@liaison/auth';
import type { Db } from '@liaison/db';

/**
 * Whether a bearer token may read `/metrics` in production: an `admin` token of the secretariat
 * body (the platform's operator). Metrics carry no case data, but lags and queue sizes are
 * operational detail members and observers do not need.
 */
export async function isOperator(db: Db, token: string): Promise<boolean> {
  const actor = await verifyToken(db, token);
  return actor !== null && actor.role === 'admin' && actor.agencyRoles.includes('secretariat');
}
