/**
 * A stretch of the notice's own text with every extracted value marked where it was found: the
 * spans point into the source, overlapping ones are cut into pieces so each character is marked
 * once, and each mark says (a tooltip, and hidden text for screen readers) what was read from it.
 * Every piece carries its offsets in the source (`data-offset`, `data-end`), so a selection in it
 * can be told back as a span of the source (selectedSource).
 */
import { Tooltip } from 'antd';
import type { ReactNode } from 'react';
import type { Span } from '../../api/plans.ts';

export type MarkKind = 'unit' | 'obligation' | 'indicator' | 'problem';

export type Annotation = { span: Span; kind: MarkKind; label: string };

export const MARK_STYLES: Record<MarkKind, { background: string; borderColor: string; name: string }> = {
  unit: { background: '#e6f4ff', borderColor: '#1677ff', name: '责任单位' },
  obligation: { background: '#fff7e6', borderColor: '#d46b08', name: '时限' },
  indicator: { background: '#f6ffed', borderColor: '#389e0d', name: '指标' },
  problem: { background: '#fff1f0', borderColor: '#cf1322', name: '需指定' },
};

/** Problems first, then the more specific values: the colour a piece gets when marks overlap. */
const PRIORITY: MarkKind[] = ['problem', 'indicator', 'obligation', 'unit'];

/** Read by screen readers, not shown. */
export const SR_ONLY = {
  position: 'absolute',
  width: 1,
  height: 1,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
} as const;

function markStyle(kind: MarkKind) {
  const s = MARK_STYLES[kind];
  return {
    background: s.background,
    borderBottom: `2px solid ${s.borderColor}`,
    padding: '0 1px',
    borderRadius: 2,
    color: 'inherit',
    cursor: 'help',
  };
}

export function HighlightedText({
  source,
  range,
  annotations,
}: {
  source: string;
  range: Span;
  annotations: Annotation[];
}) {
  const inside = annotations
    .map((a) => ({
      ...a,
      span: { start: Math.max(a.span.start, range.start), end: Math.min(a.span.end, range.end) },
    }))
    .filter((a) => a.span.end > a.span.start);
  const cuts = new Set<number>([range.start, range.end]);
  for (const a of inside) {
    cuts.add(a.span.start);
    cuts.add(a.span.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const pieces: ReactNode[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i]!;
    const end = points[i + 1]!;
    const text = source.slice(start, end);
    const covering = inside.filter((a) => a.span.start <= start && a.span.end >= end);
    if (covering.length === 0) {
      pieces.push(
        <span key={start} data-offset={start} data-end={end}>
          {text}
        </span>,
      );
      continue;
    }
    const kind = PRIORITY.find((k) => covering.some((a) => a.kind === k)) ?? 'unit';
    const labels = [...new Set(covering.map((a) => `${MARK_STYLES[a.kind].name}：${a.label}`))];
    pieces.push(
      <Tooltip
        key={start}
        trigger={['hover', 'focus']}
        title={
          <div>
            {labels.map((l) => (
              <div key={l}>{l}</div>
            ))}
          </div>
        }
      >
        <mark data-kind={kind} data-offset={start} data-end={end} style={markStyle(kind)}>
          {text}
          <span style={SR_ONLY} data-sr>
            （{labels.join('；')}）
          </span>
        </mark>
      </Tooltip>,
    );
  }
  return <span style={{ whiteSpace: 'pre-wrap' }}>{pieces}</span>;
}

export function MarkLegend() {
  return (
    <span style={{ display: 'inline-flex', flexWrap: 'wrap', gap: 12 }}>
      {(Object.keys(MARK_STYLES) as MarkKind[]).map((k) => (
        <span key={k}>
          <mark style={markStyle(k)}>{MARK_STYLES[k].name}</mark>
        </span>
      ))}
    </span>
  );
}

/** Where a point of a selection falls in the source, if it is inside a marked-text piece. */
function sourceOffset(node: Node, offset: number): number | null {
  const el = node instanceof Element ? node : node.parentElement;
  const piece = el?.closest<HTMLElement>('[data-offset]');
  if (!el || !piece) return null;
  const start = Number(piece.dataset.offset);
  const end = Number(piece.dataset.end);
  // In the hidden label of a mark: the end of the mark's text.
  if (el.closest('[data-sr]')) return end;
  if (node instanceof Text && node.parentElement === piece) return Math.min(start + offset, end);
  return offset === 0 ? start : end;
}

/**
 * The stretch of the source the user has selected inside `root` (text shown by HighlightedText),
 * with its span; null when nothing (or something else) is selected.
 */
export function selectedSource(root: Element | null, source: string): { raw: string; span: Span } | null {
  const selection = window.getSelection();
  if (!root || !selection || selection.isCollapsed || selection.rangeCount === 0) return null;
  const range = selection.getRangeAt(0);
  if (!root.contains(range.startContainer) || !root.contains(range.endContainer)) return null;
  let start = sourceOffset(range.startContainer, range.startOffset);
  let end = sourceOffset(range.endContainer, range.endOffset);
  if (start === null || end === null || end <= start) return null;
  const raw = source.slice(start, end);
  start += raw.length - raw.trimStart().length;
  end -= raw.length - raw.trimEnd().length;
  if (end <= start || end - start > 500) return null;
  return { raw: source.slice(start, end), span: { start, end } };
}
