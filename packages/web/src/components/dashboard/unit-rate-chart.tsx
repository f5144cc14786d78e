/** 按时报送率 per unit: one bar each, best first, coloured by how good the rate is. */
import { Grid } from 'antd';
import { useMemo } from 'react';
import { percent, type UnitRow } from '../../api/dashboard.ts';
import { Chart, type ChartOption, escapeHtml, truncatedCategories } from './chart.tsx';
import { rateColor } from './kpi-cards.tsx';

export function UnitRateChart({ units }: { units: readonly UnitRow[] }) {
  // On a phone long unit names would leave the bars no room: they end in "…", in full on a tap.
  const phone = !Grid.useBreakpoint().md;
  const { option, label, height } = useMemo(() => {
    const sorted = [...units].sort(
      (a, b) =>
        (b.onTimeRate ?? -1) - (a.onTimeRate ?? -1) ||
        a.overdue - b.overdue ||
        a.orgName.localeCompare(b.orgName, 'zh-CN'),
    );
    const rated = sorted.filter((u) => u.onTimeRate !== null);
    const best = rated.slice(0, 3).map((u) => `${u.orgName}${percent(u.onTimeRate)}`);
    const worst = rated
      .slice(-3)
      .reverse()
      .map((u) => `${u.orgName}${percent(u.onTimeRate)}`);
    const label =
      `各单位按时报送率（${rated.length}个单位）。最高：${best.join('、') || '无'}；` +
      `最低：${worst.join('、') || '无'}。`;
    const option: ChartOption = {
      animation: false,
      grid: { left: 8, right: 56, top: 24, bottom: 8, containLabel: true },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (ps) => {
          const p = Array.isArray(ps) ? ps[0] : ps;
          const u = sorted[(p as { dataIndex: number }).dataIndex];
          if (!u) return '';
          return `${escapeHtml(u.orgName)}<br/>按时报送率 ${percent(u.onTimeRate)}<br/>逾期未报 ${u.overdue} 项 · 共 ${u.total} 项`;
        },
      },
      xAxis: {
        type: 'value',
        min: 0,
        max: 100,
        // Fewer ticks on a phone, so that 0% … 100% do not run into each other.
        interval: phone ? 50 : 20,
        axisLabel: { formatter: '{value}%' },
        splitLine: { lineStyle: { type: 'dashed' } },
      },
      yAxis: {
        type: 'category',
        inverse: true,
        data: sorted.map((u) => u.orgName),
        axisTick: { show: false },
        ...truncatedCategories(phone ? 96 : 200),
        axisLabel: { ...truncatedCategories(phone ? 96 : 200).axisLabel, fontSize: 12, color: '#262626' },
      },
      series: [
        {
          type: 'bar',
          barMaxWidth: 14,
          data: sorted.map((u) => ({
            value: u.onTimeRate === null ? 0 : Math.round(u.onTimeRate * 1000) / 10,
            itemStyle: { color: rateColor(u.onTimeRate), borderRadius: [0, 3, 3, 0] },
          })),
          label: {
            show: true,
            position: 'right',
            fontSize: 11,
            formatter: (p) => percent(sorted[p.dataIndex]?.onTimeRate ?? null),
          },
          markLine: {
            silent: true,
            symbol: 'none',
            lineStyle: { color: '#8c8c8c', type: 'dashed' },
            // Above the bars (the axis is inverted, so its start is the top), clear of the axis labels.
            label: { formatter: '90%', position: 'start', fontSize: 10 },
            data: [{ xAxis: 90 }],
          },
        },
      ],
    };
    return { option, label, height: Math.max(160, sorted.length * 22 + 40) };
  }, [units, phone]);
  return <Chart option={option} label={label} height={height} />;
}
