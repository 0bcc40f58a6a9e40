import { describe, expect, it } from 'vitest';
import { statutoryClock } from '../src/index.ts';

const at = new Date('2026-04-28T15:00:00+09:00'); // Tue, before Golden Week

describe('statutory clocks (情報流通プラットフォーム対処法)', () => {
  it('gives a designated platform 7 calendar days to decide on a deletion request (Art. 25), holidays included', () => {
    expect(statutoryClock({ action: 'art25-request', requestedAt: at, designatedPlatform: true, category: 'R01' })).toEqual({
      clock: 'art25-decision',
      days: 7,
      dueAt: new Date('2026-05-05T23:59:59.999+09:00'),
    });
  });

  it('starts no statutory clock for a platform that is not designated', () => {
    expect(statutoryClock({ action: 'deletion-request', requestedAt: at, designatedPlatform: false, category: 'R01' })).toBeUndefined();
  });

  it('waits 7 days for the sender’s objection, 2 for election candidates and intimate images (Art. 3(2)(ii))', () => {
    expect(statutoryClock({ action: 'sender-inquiry', requestedAt: at, designatedPlatform: false, category: 'R01' })?.days).toBe(7);
    expect(statutoryClock({ action: 'sender-inquiry', requestedAt: at, designatedPlatform: false, category: 'R05' })).toMatchObject({
      days: 2,
      dueAt: new Date('2026-04-30T23:59:59.999+09:00'),
    });
    expect(
      statutoryClock({ action: 'sender-inquiry', requestedAt: at, designatedPlatform: true, category: 'R01', electionCandidate: true })
        ?.days,
    ).toBe(2);
  });
});
