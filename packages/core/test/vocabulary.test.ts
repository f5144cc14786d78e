/**
 * One status vocabulary: the unit leader 审批 (approves), the office 审核 (reviews), and every label
 * that speaks of either act is built from that one pair, so a new label cannot drift to the other word.
 */
import { describe, expect, it } from 'vitest';
import {
  ACTION_LABELS,
  AWAITING_LABELS,
  DELIVERABLE_STATUS_LABELS,
  FIELD_LABELS,
  REPORT_STATUS_LABELS,
  REVIEWERS,
  reportAwaiting,
  reportStateLabel,
  VALUE_LABELS,
} from '../src/vocabulary.ts';

const REPORT_STATUSES = ['draft', 'submitted', 'approved', 'accepted', 'returned'];

describe('who approves and who reviews', () => {
  it('has the leader approve (审批) and the office review (审核)', () => {
    expect(REVIEWERS.leader).toEqual({ who: '单位领导', act: '审批' });
    expect(REVIEWERS.coordinator).toEqual({ who: '依法治市办', act: '审核' });
    expect(AWAITING_LABELS).toEqual({ leader: '待单位领导审批', coordinator: '待依法治市办审核' });
  });

  it('uses the leader’s word in every label about the leader’s act, and never the office’s', () => {
    const leaderLabels = [
      ACTION_LABELS['report.approve'],
      FIELD_LABELS.approvedBy,
      FIELD_LABELS.approvedAt,
      FIELD_LABELS.leaderApproval,
      REPORT_STATUS_LABELS.approved,
      AWAITING_LABELS.leader,
      VALUE_LABELS.awaiting?.leader,
      VALUE_LABELS.status?.approved,
    ];
    for (const l of leaderLabels) {
      expect(l).toContain('审批');
      expect(l).not.toContain('审核');
    }
  });

  it('uses the office’s word in every label about its review, and never the leader’s', () => {
    const officeLabels = [
      ACTION_LABELS['report.accept'],
      FIELD_LABELS.reviewedAt,
      REPORT_STATUS_LABELS.accepted,
      DELIVERABLE_STATUS_LABELS.accepted,
      AWAITING_LABELS.coordinator,
      VALUE_LABELS.awaiting?.coordinator,
    ];
    for (const l of officeLabels) {
      expect(l).toContain('审核');
      expect(l).not.toContain('审批');
    }
  });
});

describe('report statuses', () => {
  it('has a word for every report status, the same in the audit vocabulary', () => {
    for (const s of REPORT_STATUSES) expect(reportStateLabel(s, false)).not.toBe(s);
    expect(VALUE_LABELS.status?.approved).toBe(reportStateLabel('approved', true));
    expect(VALUE_LABELS.status?.submitted).toBe(reportStateLabel('submitted', false));
    expect(VALUE_LABELS.status?.draft).toBe(REPORT_STATUS_LABELS.draft);
    expect(VALUE_LABELS.awaiting).toBe(AWAITING_LABELS);
  });

  it('says a report handed to the leader waits for the leader, in one phrase', () => {
    expect(reportAwaiting('submitted', true)).toBe('leader');
    expect(reportStateLabel('submitted', true)).toBe('已提交，待单位领导审批');
  });

  it('says a report with the office waits for its review', () => {
    expect(reportAwaiting('submitted', false)).toBe('coordinator');
    expect(reportAwaiting('approved', true)).toBe('coordinator');
    // With the office, the report reads as its deliverable does.
    expect(reportStateLabel('submitted', false)).toBe(DELIVERABLE_STATUS_LABELS.submitted);
    expect(reportStateLabel('submitted', false)).toBe('已报送');
    expect(reportStateLabel('approved', true)).toBe(DELIVERABLE_STATUS_LABELS.approved);
    expect(reportStateLabel('approved', true)).toBe('已报送（单位领导已审批）');
  });

  it('says nothing of waiting for a draft, a returned or an accepted report', () => {
    for (const s of ['draft', 'returned', 'accepted']) {
      expect(reportAwaiting(s, true)).toBeNull();
      expect(reportStateLabel(s, true)).toBe(REPORT_STATUS_LABELS[s as 'draft']);
    }
  });

  it('gives deliverable statuses distinct words, so a filter by status lists each once', () => {
    const words = Object.values(DELIVERABLE_STATUS_LABELS);
    expect(new Set(words).size).toBe(words.length);
  });
});
