/**
 * A list that is a table on a desktop and a column of cards on a phone. A table squeezed to a phone's
 * width wraps its cells to a character a line; a card shows the same row as a few short lines: the
 * item, the unit, the due date, the light, the status and what can be done with it.
 */

import type { TableProps } from 'antd';
import { Card, Grid, List, Space, Table, Typography } from 'antd';
import type { CSSProperties, ReactNode } from 'react';

/** Below antd's md breakpoint (768 px): a phone, or a very narrow window. */
export function useIsPhone(): boolean {
  return !Grid.useBreakpoint().md;
}

type Props<T> = TableProps<T> & {
  /** The card that stands for one row on a phone (usually an ItemCard). */
  card: (row: T) => ReactNode;
  /** What a screen reader calls the list of cards. */
  cardsLabel: string;
};

export function ResponsiveList<T extends object>({ card, cardsLabel, ...table }: Props<T>) {
  const phone = useIsPhone();
  if (!phone) return <Table<T> {...table} />;
  const { position: _, placement: __, ...paged } = table.pagination || {};
  // The size changer and the page numbers do not fit beside each other at 390 px.
  const pagination =
    table.pagination === false
      ? false
      : { ...paged, showSizeChanger: false, size: 'small' as const, align: 'center' as const };
  const empty = table.locale?.emptyText;
  return (
    <List<T>
      aria-label={cardsLabel}
      loading={table.loading}
      dataSource={table.dataSource ? [...table.dataSource] : []}
      rowKey={table.rowKey as keyof T}
      pagination={pagination}
      locale={{ emptyText: typeof empty === 'function' ? empty() : empty }}
      renderItem={(row) => (
        <List.Item style={{ display: 'block', padding: 0, borderBlockEnd: 'none' }}>{card(row)}</List.Item>
      )}
    />
  );
}

const CLAMP: CSSProperties = {
  display: '-webkit-box',
  WebkitBoxOrient: 'vertical',
  WebkitLineClamp: 3,
  overflow: 'hidden',
  overflowWrap: 'anywhere',
};

type CardProps = {
  /** The item: usually a link to it, 第N项 · title; clamped to three lines. */
  item: ReactNode;
  /** The full text of the item, shown when the clamp cuts it. */
  itemText?: string;
  unit?: ReactNode;
  due?: ReactNode;
  /** The light and other tags, on the first line. */
  tags?: ReactNode;
  status?: ReactNode;
  /** More lines (a reason, a reply, a date). */
  children?: ReactNode;
  actions?: ReactNode;
};

/** One row of a list as a card: tags and due date, the item, the unit and status, then the actions. */
export function ItemCard({ item, itemText, unit, due, tags, status, children, actions }: CardProps) {
  return (
    <Card size="small" style={{ marginBottom: 8 }} data-item-card>
      <Space orientation="vertical" size={4} style={{ width: '100%' }}>
        {(tags || due) && (
          <Space wrap size={[8, 4]}>
            {tags}
            {due && <Typography.Text data-field="due">截止 {due}</Typography.Text>}
          </Space>
        )}
        <div style={CLAMP} title={itemText}>
          {item}
        </div>
        {(unit || status) && (
          <Space wrap size={[8, 4]}>
            {unit && (
              <Typography.Text type="secondary" data-field="unit">
                {unit}
              </Typography.Text>
            )}
            {status && <span data-field="status">{status}</span>}
          </Space>
        )}
        {children}
        {actions && (
          <Space wrap size={[8, 4]}>
            {actions}
          </Space>
        )}
      </Space>
    </Card>
  );
}

/** Filters in a row on a desktop, one under the other (full width) on a phone. */
export function FilterBar({ children }: { children: ReactNode }) {
  const phone = useIsPhone();
  return phone ? (
    <Space orientation="vertical" size={8} style={{ width: '100%' }}>
      {children}
    </Space>
  ) : (
    <Space wrap>{children}</Space>
  );
}

/** A filter's width: its own on a desktop, the whole line on a phone (where filters stack). */
export function useFilterWidth(): (px: number) => number | string {
  const phone = useIsPhone();
  return (px) => (phone ? '100%' : px);
}
