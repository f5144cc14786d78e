/** 分部分亮灯: one stacked bar per section of the list, split by light. */
import { Grid } from 'antd';
import { useMemo } from 'react';
import { type SectionRow, SIGNAL_HEX, SIGNAL_ORDER } from '../../api/dashboard.ts';
import type { Signal } from '../../api/types.ts';
import { SIGNAL_LABELS } from '../../app/format.ts';
import { Chart, type ChartOption, escapeHtml, truncatedCategories } from './chart.tsx';

/** Done first, then on track, due soon, overdue, not started: reads left to right as progress. */
const STACK: Signal[] = ['blue', 'green', 'yellow', 'red', 'grey'];

export function sectionName(s: { sectionNo: string | null; section: string | null }): string {
  if (!s.section) return '（未分部分）';
  return s.sectionNo ? `${s.sectionNo}、${s.section}` : s.section;
}

export function SectionChart({ sections }: { sections: readonly SectionRow[] }) {
  const phone = !Grid.useBreakpoint().md;
  const { option, label, height } = useMemo(() => {
    const names = sections.map(sectionName);
    const label =
      `各部分亮灯（${sections.length}个部分）：` +
      sections
        .map(
          (s, i) =>
            `${names[i]}共${s.total}项，${SIGNAL_ORDER.map((g) => `${SIGNAL_LABELS[g]}${s.counts[g]}`).join('、')}`,
        )
        .join('；');
    const option: ChartOption = {
      animation: false,
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
      legend: { top: 0, data: STACK.map((s) => SIGNAL_LABELS[s]) },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (ps) => {
          const list = Array.isArray(ps) ? ps : [ps];
          const i = (list[0] as { dataIndex: number }).dataIndex;
          const s = sections[i];
          if (!s) return '';
          return `${escapeHtml(names[i] ?? '')}<br/>${STACK.filter((g) => s.counts[g] > 0)
            .map((g) => `${SIGNAL_LABELS[g]} ${s.counts[g]}`)
            .join('<br/>')}`;
        },
      },
      xAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { type: 'dashed' } } },
      yAxis: {
        type: 'category',
        inverse: true,
        data: names,
        axisTick: { show: false },
        ...truncatedCategories(phone ? 110 : 220),
      },
      series: STACK.map((g) => ({
        type: 'bar',
        name: SIGNAL_LABELS[g],
        stack: 'signals',
        barMaxWidth: 22,
        itemStyle: { color: SIGNAL_HEX[g] },
        data: sections.map((s) => s.counts[g]),
      })),
    };
    return { option, label, height: Math.max(200, sections.length * 40 + 60) };
  }, [sections, phone]);
  return <Chart option={option} label={label} height={height} />;
}
