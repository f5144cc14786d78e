/**
 * 亮灯矩阵: units down, tasks across; each cell takes the worst light of that unit's deliverables
 * for the task. An empty cell means the unit has nothing to deliver for the task.
 */
import { useMemo } from 'react';
import {
  type MatrixCell,
  SIGNAL_HEX,
  SIGNAL_ORDER,
  type TaskRow,
  type UnitRow,
} from '../../api/dashboard.ts';
import type { Signal } from '../../api/types.ts';
import { SIGNAL_LABELS } from '../../app/format.ts';
import { Chart, type ChartOption, escapeHtml } from './chart.tsx';

type Props = {
  units: readonly UnitRow[];
  tasks: readonly TaskRow[];
  cells: readonly MatrixCell[];
  /** Open the deliverables of a cell. */
  onOpen?: (orgId: string, task: TaskRow) => void;
};

const KIND_ORDER: Record<string, number> = {
  department: 0,
  'party-organ': 1,
  court: 2,
  procuratorate: 3,
  'district-government': 4,
  'management-committee': 5,
};

export function SignalMatrix({ units, tasks, cells, onOpen }: Props) {
  const rows = useMemo(
    () =>
      [...units].sort(
        (a, b) =>
          (KIND_ORDER[a.kind] ?? 9) - (KIND_ORDER[b.kind] ?? 9) ||
          a.orgName.localeCompare(b.orgName, 'zh-CN'),
      ),
    [units],
  );
  const { option, label } = useMemo(() => {
    const x = new Map(tasks.map((t, i) => [t.taskId, i]));
    const y = new Map(rows.map((u, i) => [u.orgId, i]));
    const byPoint = new Map<string, MatrixCell>();
    const data: [number, number, number][] = [];
    const tally: Record<Signal, number> = { blue: 0, green: 0, yellow: 0, red: 0, grey: 0 };
    for (const c of cells) {
      const xi = x.get(c.taskId);
      const yi = y.get(c.orgId);
      if (xi === undefined || yi === undefined) continue;
      data.push([xi, yi, SIGNAL_ORDER.indexOf(c.worst)]);
      byPoint.set(`${xi},${yi}`, c);
      tally[c.worst]++;
    }
    const worstRows = rows
      .filter((u) => u.counts.red > 0)
      .sort((a, b) => b.counts.red - a.counts.red)
      .slice(0, 3)
      .map((u) => `${u.orgName}（逾期${u.counts.red}项）`);
    const text =
      `亮灯矩阵：${rows.length}个单位 × ${tasks.length}项任务，共${data.length}格；` +
      SIGNAL_ORDER.map((s) => `${SIGNAL_LABELS[s]}${tally[s]}格`).join('、') +
      (worstRows.length ? `。逾期最多的单位：${worstRows.join('、')}` : '');
    const option: ChartOption = {
      animation: false,
      grid: { left: 8, right: 8, top: 24, bottom: 8, containLabel: true },
      tooltip: {
        position: 'top',
        formatter: (p) => {
          const v = (p as { value?: unknown }).value;
          if (!Array.isArray(v)) return '';
          const c = byPoint.get(`${v[0]},${v[1]}`);
          const t = tasks[v[0] as number];
          const u = rows[v[1] as number];
          if (!c || !t || !u) return '';
          const parts = SIGNAL_ORDER.filter((s) => c.counts[s] > 0).map(
            (s) =>
              `<span style="display:inline-block;width:8px;height:8px;border-radius:4px;background:${SIGNAL_HEX[s]};margin-right:4px"></span>${SIGNAL_LABELS[s]} ${c.counts[s]}`,
          );
          return `<b>${escapeHtml(u.orgName)}</b> · 第${t.no}项<br/>${escapeHtml(t.section ?? '')}<br/>${parts.join('<br/>')}`;
        },
      },
      xAxis: {
        type: 'category',
        position: 'top',
        data: tasks.map((t) => t.label || String(t.no)),
        splitArea: { show: true, areaStyle: { color: ['#fafafa', '#ffffff'] } },
        axisTick: { show: false },
        axisLine: { show: false },
        axisLabel: { interval: 0, fontSize: 10, color: '#595959' },
      },
      yAxis: {
        type: 'category',
        inverse: true,
        data: rows.map((u) => u.orgName),
        splitArea: { show: true, areaStyle: { color: ['#fafafa', '#ffffff'] } },
        axisTick: { show: false },
        axisLine: { show: false },
        axisLabel: { fontSize: 12, color: '#262626' },
      },
      // Colours only: the legend is drawn beside the chart (MatrixLegend), so that it stays in view
      // while a phone scrolls the matrix sideways.
      visualMap: {
        type: 'piecewise',
        show: false,
        dimension: 2,
        pieces: SIGNAL_ORDER.map((s, i) => ({ value: i, label: SIGNAL_LABELS[s], color: SIGNAL_HEX[s] })),
      },
      series: [
        {
          type: 'heatmap',
          data,
          itemStyle: { borderColor: '#fff', borderWidth: 2, borderRadius: 2 },
          emphasis: { itemStyle: { borderColor: '#262626', borderWidth: 1 } },
        },
      ],
    };
    return { option, label: text };
  }, [rows, tasks, cells]);

  const onClick = useMemo(
    () =>
      onOpen
        ? (p: { value?: unknown }) => {
            const v = p.value;
            if (!Array.isArray(v)) return;
            const t = tasks[v[0] as number];
            const u = rows[v[1] as number];
            if (t && u) onOpen(u.orgId, t);
          }
        : undefined,
    [onOpen, tasks, rows],
  );

  // 51 columns need room: on a narrow screen the matrix scrolls sideways inside its card instead of
  // shrinking (the page itself stays as wide as the screen); the legend stays outside the scroll.
  return (
    <div>
      <MatrixLegend />
      <section
        data-matrix-scroll
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a region that scrolls must be reachable by keyboard.
        tabIndex={0}
        aria-label="亮灯矩阵（可左右滚动）"
        style={{ overflowX: 'auto' }}
      >
        <Chart
          option={option}
          label={label}
          height={Math.max(160, rows.length * 24 + 60)}
          onClick={onClick}
          style={{ minWidth: Math.max(360, tasks.length * 16 + 200) }}
        />
      </section>
    </div>
  );
}

function MatrixLegend() {
  return (
    <ul
      aria-label="图例"
      data-matrix-legend
      style={{
        display: 'flex',
        flexWrap: 'wrap',
        gap: '4px 16px',
        listStyle: 'none',
        margin: '0 0 8px',
        padding: 0,
      }}
    >
      {SIGNAL_ORDER.map((s) => (
        <li key={s} style={{ display: 'inline-flex', alignItems: 'center', gap: 6, fontSize: 12 }}>
          <span
            aria-hidden
            style={{
              width: 14,
              height: 14,
              borderRadius: 2,
              background: SIGNAL_HEX[s],
              display: 'inline-block',
            }}
          />
          {SIGNAL_LABELS[s]}
        </li>
      ))}
    </ul>
  );
}
