import type { Database } from '@liaison/db';
import { BulkLoader } from './bulk.ts';
import { expectedConsultations, type SyntheticOptions, syntheticEvents } from './synthetic.ts';

export { BulkLoader } from './bulk.ts';
export { expectedConsultations, profiles, prng, type SyntheticOptions, syntheticEvents } from './synthetic.ts';

/**
 * Seeds synthetic statistics through the bulk path (COPY, then set-based rollups). `onProgress`
 * gets (consultations loaded, consultations expected) after each batch.
 */
export async function seedStatistics(database: Database, options: SyntheticOptions, onProgress?: (done: number, total: number) => void): Promise<{ consultations: number; events: number }> {
  const loader = new BulkLoader(database);
  await loader.begin();
  const total = expectedConsultations(options);
  let events = 0;
  for (const batch of syntheticEvents(options, 20_000)) {
    await loader.add(batch);
    events += batch.length;
    onProgress?.(loader.count, total);
  }
  await loader.finish();
  return { consultations: loader.count, events };
}

/** Options giving about `facts` consultations between `from` and `to` (full-scale mixes kept). */
export function scaleForFacts(facts: number, from: string, to: string): number {
  const probe: SyntheticOptions = { seed: 1, from, to, scale: 1 };
  return facts / expectedConsultations(probe);
}
