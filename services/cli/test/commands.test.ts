import { parsePeriod } from '@liaison/stats';
import { InvalidArgumentError } from 'commander';
import { describe, expect, it } from 'vitest';
import { topicProblems } from '../src/commands/kafka.ts';
import { periodOption, subPeriods } from '../src/commands/release.ts';

describe('release periods', () => {
  it('accepts what the stats service parses, and nothing else', () => {
    for (const ok of ['2025-10', '2025Q3', 'FY2025']) {
      expect(periodOption(ok)).toBe(ok);
      expect(parsePeriod(ok)).toBeDefined();
    }
    for (const bad of ['2025-13', '2025-1', '2025Q5', 'FY25', 'fy2025', '2025', '']) {
      expect(() => periodOption(bad), bad).toThrow(InvalidArgumentError);
      expect(parsePeriod(bad), bad).toBeUndefined();
    }
  });

  it('releases a fiscal year after its twelve months and four quarters, a quarter after its months', () => {
    expect(subPeriods(parsePeriod('2025-10')!)).toEqual([]);
    expect(subPeriods(parsePeriod('2025Q4')!)).toEqual(['2026-01', '2026-02', '2026-03']);
    const fy = subPeriods(parsePeriod('FY2025')!);
    expect(fy.slice(0, 12)).toEqual([
      '2025-04',
      '2025-05',
      '2025-06',
      '2025-07',
      '2025-08',
      '2025-09',
      '2025-10',
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
      '2026-03',
    ]);
    expect(fy.slice(12)).toEqual(['2025Q1', '2025Q2', '2025Q3', '2025Q4']);
  });
});

describe('kafka topics: what differs from the configuration', () => {
  const spec = { name: 't', partitions: 6, replicationFactor: 3, minInsyncReplicas: 2 };
  it('names every difference, and none for a topic as configured', () => {
    expect(
      topicProblems(spec, { name: 't', exists: true, partitions: 6, replicationFactor: 3, minInsyncReplicas: 2, underReplicated: 0 }),
    ).toEqual([]);
    expect(topicProblems(spec, { name: 't', exists: false })).toEqual(['missing']);
    expect(
      topicProblems(spec, { name: 't', exists: true, partitions: 3, replicationFactor: 1, minInsyncReplicas: 1, underReplicated: 2 }),
    ).toEqual([
      "3 partitions, configured 6 (a key's partition depends on the count: recreate the topic or set TOPIC_PARTITIONS=3)",
      'replication factor 1, configured 3',
      'min.insync.replicas 1, configured 2',
      '2 partitions under-replicated or without a leader',
    ]);
  });
  it('on the Postgres log (no replicas) checks partitions only', () => {
    expect(topicProblems({ name: 't', partitions: 6 }, { name: 't', exists: true, partitions: 6 })).toEqual([]);
  });
});
