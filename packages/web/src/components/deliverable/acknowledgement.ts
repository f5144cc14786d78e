/**
 * Whether a unit has received (签收) a task: pressed 签收, or already acted on it (its deliverable is
 * past 待报送: a draft, a report handed in, accepted). Only a task nobody has touched waits for 签收,
 * so an accepted item never reads 未签收.
 */
export type AckState = 'acknowledged' | 'acted' | 'waiting';

export const ACK_LABELS: Readonly<Record<AckState, string>> = {
  acknowledged: '已签收',
  acted: '已办理（视同签收）',
  waiting: '未签收',
};

export function ackState(
  assignment: { acknowledgedAt: string | null; actedOn?: boolean },
  deliverableStatus?: string,
): AckState {
  if (assignment.acknowledgedAt) return 'acknowledged';
  if (assignment.actedOn || (deliverableStatus !== undefined && deliverableStatus !== 'pending'))
    return 'acted';
  return 'waiting';
}
