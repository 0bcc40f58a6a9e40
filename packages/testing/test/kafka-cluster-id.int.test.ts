import { execFileSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const common = resolve(dirname(fileURLToPath(import.meta.url)), '../../../infra/kafka/bin/common.sh');

// bin/start.sh formats a new cluster with `kafka-storage format -t <id>`: an id starting with "-"
// is read as an option and the start fails — one new cluster in 64 did, at random. (640 ids of the
// old generator hold no leading "-" with probability (63/64)^640 < 0.0001.)
describe('Kafka cluster ids (infra/kafka)', () => {
  it('are 16 random bytes in base64url, never starting with "-"', () => {
    const ids = execFileSync('bash', ['-c', `. "${common}"; for i in $(seq 1 640); do new_cluster_id; done`], { encoding: 'utf8' })
      .trim()
      .split('\n');
    expect(ids).toHaveLength(640);
    expect(new Set(ids).size).toBe(640);
    for (const id of ids) {
      expect(id).toMatch(/^[A-Za-z0-9_][A-Za-z0-9_-]{21}$/);
      expect(Buffer.from(id, 'base64url')).toHaveLength(16);
    }
  }, 120_000);
});
