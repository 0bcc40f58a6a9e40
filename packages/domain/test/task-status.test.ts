import { describe, expect, it } from 'vitest';
import { allowedNext, canTransition, type Side, type TaskStatus, taskStatuses, terminalStatuses } from '../src/index.ts';

// The whole matrix, written out independently of the implementation: who may set which status.
const setBy: Record<TaskStatus, Side[]> = {
  draft: [],
  requested: ['sender'],
  'entered-in-error': ['sender'],
  received: ['recipient'],
  accepted: ['recipient'],
  rejected: ['recipient'],
  ready: ['recipient'],
  'in-progress': ['recipient'],
  'on-hold': ['recipient'],
  completed: ['recipient'],
  failed: ['recipient'],
  cancelled: ['sender', 'recipient'],
};
// Which statuses may follow which, whoever sets them (FHIR Task's life cycle).
const follows: Record<TaskStatus, TaskStatus[]> = {
  draft: ['requested', 'cancelled', 'entered-in-error'],
  requested: ['received', 'accepted', 'rejected', 'cancelled', 'entered-in-error'],
  received: ['accepted', 'rejected', 'cancelled', 'entered-in-error'],
  accepted: ['ready', 'in-progress', 'on-hold', 'failed', 'cancelled', 'entered-in-error'],
  ready: ['in-progress', 'on-hold', 'failed', 'cancelled', 'entered-in-error'],
  'in-progress': ['on-hold', 'completed', 'failed', 'cancelled', 'entered-in-error'],
  'on-hold': ['in-progress', 'completed', 'failed', 'cancelled', 'entered-in-error'],
  rejected: ['entered-in-error'],
  completed: ['entered-in-error'],
  failed: ['entered-in-error'],
  cancelled: ['entered-in-error'],
  'entered-in-error': [],
};

describe('referral status transitions (FHIR Task)', () => {
  const sides: Side[] = ['sender', 'recipient'];
  const cases = taskStatuses.flatMap((from) => sides.flatMap((side) => taskStatuses.map((to) => ({ from, side, to }))));

  it(`covers all ${cases.length} (status, side, next status) combinations`, () => {
    expect(cases).toHaveLength(12 * 2 * 12);
  });

  it.each(cases)('$side: $from → $to', ({ from, side, to }) => {
    // A draft is the sender's alone: the recipient has no move on it (it does not even see it).
    const expected = follows[from].includes(to) && setBy[to].includes(side) && !(from === 'draft' && side === 'recipient');
    expect(canTransition(from, to, side)).toBe(expected);
    expect(allowedNext(from, side).includes(to)).toBe(expected);
  });

  it('never lets anyone leave entered-in-error, and lets only the sender mark a finished referral as a mistake', () => {
    expect(allowedNext('entered-in-error', 'sender')).toEqual([]);
    expect(allowedNext('entered-in-error', 'recipient')).toEqual([]);
    for (const s of terminalStatuses.filter((t) => t !== 'entered-in-error')) {
      expect(allowedNext(s, 'sender')).toEqual(['entered-in-error']);
      expect(allowedNext(s, 'recipient')).toEqual([]);
    }
  });
});
