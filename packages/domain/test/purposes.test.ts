import { describe, expect, it } from 'vitest';
import { purposeCodes, purposes } from '../src/index.ts';

// The purposes personal data is used for: one list of codes, each with its Japanese label (what
// people see first) and an English one beside.
describe('purposes (利用目的)', () => {
  it('has unique codes, each with a Japanese and an English label', () => {
    expect(new Set(purposeCodes).size).toBe(purposes.length);
    for (const p of purposes) {
      expect(p.code).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(p.ja, p.code).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
      expect(p.en, p.code).toMatch(/^[A-Z][\x20-\x7e]+$/);
    }
  });

  it('covers the requested actions of the design: advice, deletion, notice, disclosure, police, 法務局, 法テラス, consumer counselling', () => {
    expect(purposeCodes).toEqual(
      expect.arrayContaining([
        'counseling',
        'advice',
        'deletion-request',
        'platform-notice',
        'disclosure-request',
        'police-report',
        'human-rights-remedy',
        'legal-support',
        'consumer-support',
      ]),
    );
  });
});
