/**
 * An ECharts chart in a div: it follows its container's size (window resizes, the menu drawer,
 * grid breakpoints) and reads to a screen reader as an image with the key figures in words.
 */
import * as echarts from 'echarts';
import { type CSSProperties, useEffect, useRef } from 'react';

export type ChartOption = echarts.EChartsOption;

type Props = {
  option: ChartOption;
  /** What a screen reader hears instead of the picture: the figures that matter, in a sentence. */
  label: string;
  height: number;
  onClick?: (params: echarts.ECElementEvent) => void;
  style?: CSSProperties;
};

export function Chart({ option, label, height, onClick, style }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const c = echarts.init(el, undefined, { renderer: 'canvas' });
    chart.current = c;
    const observer = new ResizeObserver(() => c.resize());
    observer.observe(el);
    const onResize = () => c.resize();
    window.addEventListener('resize', onResize);
    return () => {
      observer.disconnect();
      window.removeEventListener('resize', onResize);
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  useEffect(() => {
    const c = chart.current;
    if (!c || !onClick) return;
    c.on('click', onClick);
    return () => {
      c.off('click', onClick);
    };
  }, [onClick]);

  return (
    <div ref={ref} role="img" aria-label={label} data-chart style={{ width: '100%', height, ...style }} />
  );
}

/**
 * A category axis whose long names end in "…" within `width` px, the full name in a tooltip on the
 * name itself (hover, or a tap on a phone).
 */
export function truncatedCategories(width: number) {
  return {
    axisLabel: { width, overflow: 'truncate' as const, ellipsis: '…' },
    triggerEvent: true,
    tooltip: {
      show: true,
      formatter: (p: { value?: unknown }) => escapeHtml(String(p.value ?? '')),
    },
  };
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
