import { Tag } from 'antd';
import { ESCALATION_COLORS, ESCALATION_LABELS, type EscalationLevel } from '../../api/dashboard.ts';

/** A step of the ladder (提醒 → 催办 → 督办单·橙 → 督办单·红) in its colour. */
export function EscalationTag({ level }: { level: EscalationLevel | null }) {
  if (!level) return <Tag>未督办</Tag>;
  return (
    <Tag color={ESCALATION_COLORS[level]} data-level={level}>
      {ESCALATION_LABELS[level]}
    </Tag>
  );
}
