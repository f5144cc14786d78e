/** The year month by month: what fell due, what was handed in on time, what was accepted. */
import { useMemo } from 'react';
import type { TrendMonth } from '../../api/dashboard.ts';
import { Chart, type ChartOption } from './chart.tsx';

const SERIES = [
  { key: 'due', name: '应报送', color: '#8c8c8c' },
  { key: 'submittedOnTime', name: '按时报送', color: '#52c41a' },
  { key: 'accepted', name: '审核通过', color: '#1677ff' },
] as const;

export function TrendChart({
  trend,
  today,
  height = 320,
}: {
  trend: readonly TrendMonth[];
  today: string;
  height?: number;
}) {
  const { option, label } = useMemo(() => {
    const months = trend.map((m) => `${Number(m.month.slice(5))}月`);
    const current = trend.findIndex((m) => m.month === today.slice(0, 7));
    const sum = (k: (typeof SERIES)[number]['key']) => trend.reduce((n, m) => n + m[k], 0);
    const busiest = [...trend].sort((a, b) => b.due - a.due)[0];
    const label =
      `月度趋势：全年应报送${sum('due')}项，按时报送${sum('submittedOnTime')}项，审核通过${sum('accepted')}项` +
      (busiest && busiest.due > 0
        ? `；应报送最多的是${Number(busiest.month.slice(5))}月（${busiest.due}项）。`
        : '。');
    const option: ChartOption = {
      animation: false,
      color: SERIES.map((s) => s.color),
      grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
      legend: { top: 0, data: SERIES.map((s) => s.name) },
      tooltip: { trigger: 'axis' },
      // Twelve months on a phone: ECharts skips labels that would overlap rather than piling them up.
      xAxis: { type: 'category', boundaryGap: false, data: months, axisLabel: { hideOverlap: true } },
      yAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { type: 'dashed' } } },
      series: SERIES.map((s, i) => ({
        type: 'line',
        name: s.name,
        data: trend.map((m) => m[s.key]),
        symbolSize: 6,
        lineStyle: { width: i === 0 ? 2 : 3, type: i === 0 ? 'dashed' : 'solid' },
        areaStyle: i === 0 ? undefined : { opacity: 0.08 },
        markLine:
          i === 0 && current >= 0
            ? {
                silent: true,
                symbol: 'none',
                lineStyle: { color: '#b71c1c', type: 'solid' },
                label: { formatter: '今天', color: '#b71c1c' },
                data: [{ xAxis: current }],
              }
            : undefined,
      })),
    };
    return { option, label };
  }, [trend, today]);
  return <Chart option={option} label={label} height={height} />;
}
