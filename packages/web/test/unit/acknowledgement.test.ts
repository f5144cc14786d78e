import { describe, expect, it } from 'vitest';
import { ACK_LABELS, ackState } from '../../src/components/deliverable/acknowledgement.ts';

describe('ackState', () => {
  it('reads 已签收 once acknowledged, whatever the status', () => {
    expect(ackState({ acknowledgedAt: '2026-06-01T00:00:00.000Z' }, 'pending')).toBe('acknowledged');
  });
  it('never reads 未签收 for an item the unit has acted on', () => {
    for (const status of ['draft', 'submitted', 'returned', 'accepted'])
      expect(ACK_LABELS[ackState({ acknowledgedAt: null }, status)]).not.toBe('未签收');
    expect(ackState({ acknowledgedAt: null, actedOn: true })).toBe('acted');
  });
  it('waits for 签收 only while nothing has been done', () => {
    expect(ackState({ acknowledgedAt: null }, 'pending')).toBe('waiting');
    expect(ackState({ acknowledgedAt: null, actedOn: false })).toBe('waiting');
  });
});
