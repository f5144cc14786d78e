/** The headline figures: how many deliverables, the on-time rate, how many overdue, and each light. */
import { Card, Col, Row, Statistic } from 'antd';
import { percent, SIGNAL_HEX, type Standing } from '../../api/dashboard.ts';
import type { Signal } from '../../api/types.ts';
import { SIGNAL_LABELS } from '../../app/format.ts';

function Kpi({
  title,
  value,
  color,
  hint,
}: {
  title: string;
  value: number | string;
  color?: string;
  hint?: string;
}) {
  return (
    <section aria-label={title} style={{ height: '100%' }}>
      <Card
        size="small"
        style={{ height: '100%', borderTop: `3px solid ${color ?? '#b71c1c'}` }}
        styles={{ body: { padding: '12px 16px' } }}
      >
        <Statistic
          title={title}
          value={value}
          styles={{ content: { color: color ? textColor(color) : undefined, fontWeight: 600 } }}
        />
        {hint && <div style={{ color: 'rgba(0,0,0,0.58)', fontSize: 12, marginTop: 2 }}>{hint}</div>}
      </Card>
    </section>
  );
}

const KPI_SIGNALS: Signal[] = ['blue', 'green', 'yellow', 'red', 'grey'];

export function KpiCards({ totals }: { totals: Standing }) {
  const share = (n: number) => (totals.total === 0 ? '—' : `占 ${((n / totals.total) * 100).toFixed(1)}%`);
  return (
    <Row gutter={[12, 12]}>
      <Col xs={12} sm={8} xl={3}>
        {/* The plans list counts a plan's deliverables of every year: the fourth quarter's reports are due next January. */}
        <Kpi title="报送事项" value={totals.total} hint="本年度内到期的（次年到期的不计）" />
      </Col>
      <Col xs={12} sm={8} xl={3}>
        <Kpi
          title="按时报送率"
          value={percent(totals.onTimeRate)}
          color={rateColor(totals.onTimeRate)}
          hint="已到期或已报送"
        />
      </Col>
      <Col xs={12} sm={8} xl={3}>
        <Kpi title="逾期未报" value={totals.overdue} color={SIGNAL_HEX.red} hint="逾期且未报送" />
      </Col>
      {KPI_SIGNALS.map((s) => (
        <Col xs={12} sm={8} xl={3} key={s}>
          <Kpi
            title={SIGNAL_LABELS[s]}
            value={totals.counts[s]}
            color={SIGNAL_HEX[s]}
            hint={share(totals.counts[s])}
          />
        </Col>
      ))}
    </Row>
  );
}

/**
 * The light colours are too pale for text on white (WCAG AA asks 3:1 for big figures); figures are
 * written in a darker shade of the same colour.
 */
const TEXT_SHADES: Record<string, string> = {
  [SIGNAL_HEX.blue]: '#0958d9',
  [SIGNAL_HEX.green]: '#237804',
  [SIGNAL_HEX.yellow]: '#ad6800',
  [SIGNAL_HEX.red]: '#cf1322',
  [SIGNAL_HEX.grey]: 'rgba(0, 0, 0, 0.58)',
  '#d48806': '#ad6800',
};

export function textColor(color: string): string {
  return TEXT_SHADES[color] ?? color;
}

/** Green from 90%, amber from 70%, red below. */
export function rateColor(rate: number | null): string {
  if (rate === null) return SIGNAL_HEX.grey;
  if (rate >= 0.9) return SIGNAL_HEX.green;
  if (rate >= 0.7) return '#d48806';
  return SIGNAL_HEX.red;
}
