import { Tag } from 'antd';
import type { Signal } from '../api/types.ts';
import { SIGNAL_COLORS, SIGNAL_LABELS } from '../app/format.ts';

export function SignalTag({ signal }: { signal: Signal }) {
  return (
    <Tag color={SIGNAL_COLORS[signal]} data-signal={signal}>
      {SIGNAL_LABELS[signal]}
    </Tag>
  );
}
