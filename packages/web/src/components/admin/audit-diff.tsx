/**
 * What an audit record changed: one row per key, before and after side by side, the changed keys
 * highlighted; keys that stayed the same are folded away.
 */
import { FIELD_LABELS, valueLabel } from '@luoshi/core';
import { Button, Typography } from 'antd';
import { createContext, useContext, useState } from 'react';
import { dateTime } from '../../app/format.ts';

/** What the ids in the records name (from the audit page's `names`), so values read as names. */
export const AuditNames = createContext<Record<string, { name: string; link: string | null }>>({});

function KeyName({ name }: { name: string }) {
  return <span style={{ fontFamily: 'system-ui, sans-serif' }}>{FIELD_LABELS[name] ?? name}</span>;
}

type Row = { key: string; before: unknown; after: unknown; changed: boolean };

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** A value in words: a name for an id, a word for a code, Beijing time for an instant. */
function show(v: unknown, field: string, names: Record<string, { name: string }>): string {
  if (v === undefined) return '';
  if (v === null) return '（空）';
  const word = valueLabel(field, v);
  if (word) return word;
  if (typeof v === 'string') {
    if (v === '') return '（空）';
    if (names[v]) return names[v].name;
    return INSTANT.test(v) ? dateTime(v) : v;
  }
  if (Array.isArray(v) && v.every((x) => typeof x === 'string'))
    return v.length === 0 ? '（无）' : v.map((x) => names[x]?.name ?? x).join('、');
  if (Array.isArray(v) && v.length > 0 && v.every(isFigure)) return v.map(figureText).join('；');
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

type Figure = { indicator: string; value: number; unit?: string; note?: string };

/** A reported figure (指标数据), the shape the report form sends. */
function isFigure(v: unknown): v is Figure {
  return isRecord(v) && typeof v.indicator === 'string' && typeof v.value === 'number';
}

/** A figure as the unit wrote it: 司法所覆盖率：80%（说明）. */
function figureText(f: Figure): string {
  return `${f.indicator}：${f.value}${f.unit ?? ''}${f.note ? `（${f.note}）` : ''}`;
}

export function diffRows(before: unknown, after: unknown): Row[] {
  if (!isRecord(before) && !isRecord(after)) {
    if (before === null && after === null) return [];
    return [{ key: '值', before, after, changed: JSON.stringify(before) !== JSON.stringify(after) }];
  }
  const b = isRecord(before) ? before : {};
  const a = isRecord(after) ? after : {};
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return keys.map((key) => ({
    key,
    before: b[key],
    after: a[key],
    changed: JSON.stringify(b[key]) !== JSON.stringify(a[key]),
  }));
}

const cell: React.CSSProperties = {
  padding: '2px 8px',
  verticalAlign: 'top',
  borderBottom: '1px solid #f0f0f0',
  wordBreak: 'break-all',
  fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
  fontSize: 12,
  maxWidth: 420,
};

function Value({ v, field }: { v: unknown; field: string }) {
  const text = show(v, field, useContext(AuditNames));
  if (text.length <= 240) return <>{text}</>;
  return (
    <Typography.Paragraph
      ellipsis={{ rows: 3, expandable: 'collapsible', symbol: (open) => (open ? '收起' : '展开') }}
      style={{ margin: 0, fontSize: 12, fontFamily: 'inherit' }}
    >
      {text}
    </Typography.Paragraph>
  );
}

export function AuditDiff({ before, after }: { before: unknown; after: unknown }) {
  const [all, setAll] = useState(false);
  const rows = diffRows(before, after);
  if (rows.length === 0) return <Typography.Text type="secondary">（无内容）</Typography.Text>;
  const created = before === null || before === undefined;
  const removed = after === null || after === undefined;
  const unchanged = rows.filter((r) => !r.changed).length;
  const shown = all ? rows : rows.filter((r) => r.changed);
  if (created || removed)
    return (
      <section aria-label={created ? '新建时的内容' : '删除前的内容'}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {created ? '新建时的内容' : '删除前的内容'}
        </Typography.Text>
        <dl
          style={{
            display: 'grid',
            gridTemplateColumns: 'repeat(auto-fill, minmax(280px, 1fr))',
            gap: '2px 16px',
            margin: '4px 0 0',
          }}
        >
          {rows.map((r) => (
            <div key={r.key} style={{ display: 'flex', gap: 8, minWidth: 0, ...cell, maxWidth: 'none' }}>
              <dt style={{ color: 'rgba(0, 0, 0, 0.6)', flex: 'none' }}>
                <KeyName name={r.key} />
              </dt>
              <dd style={{ margin: 0, minWidth: 0 }}>
                <Value v={created ? r.after : r.before} field={r.key} />
              </dd>
            </div>
          ))}
        </dl>
      </section>
    );
  return (
    <div style={{ overflowX: 'auto' }}>
      <table style={{ borderCollapse: 'collapse', width: '100%' }}>
        <caption style={{ textAlign: 'left', captionSide: 'top', fontSize: 12, color: 'rgba(0, 0, 0, 0.6)' }}>
          {created ? '新建时的内容' : removed ? '删除前的内容' : '修改前后对照（有变化的字段高亮）'}
        </caption>
        <thead>
          <tr>
            <th scope="col" style={{ ...cell, textAlign: 'left', fontFamily: 'inherit' }}>
              字段
            </th>
            {!created && (
              <th scope="col" style={{ ...cell, textAlign: 'left', fontFamily: 'inherit' }}>
                修改前
              </th>
            )}
            {!removed && (
              <th scope="col" style={{ ...cell, textAlign: 'left', fontFamily: 'inherit' }}>
                {created ? '值' : '修改后'}
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {shown.map((r) => {
            const mark = r.changed && !created && !removed;
            return (
              <tr key={r.key} data-changed={r.changed || undefined}>
                <th
                  scope="row"
                  style={{
                    ...cell,
                    textAlign: 'left',
                    fontWeight: mark ? 600 : 400,
                    background: mark ? '#fff7e6' : undefined,
                    borderLeft: mark ? '3px solid #fa8c16' : '3px solid transparent',
                  }}
                >
                  <KeyName name={r.key} />
                </th>
                {!created && (
                  <td
                    style={{
                      ...cell,
                      background: mark ? '#fff1f0' : undefined,
                      color: mark ? '#a8071a' : undefined,
                    }}
                  >
                    {mark && r.before !== undefined ? (
                      <del>
                        <Value v={r.before} field={r.key} />
                      </del>
                    ) : (
                      <Value v={r.before} field={r.key} />
                    )}
                  </td>
                )}
                {!removed && (
                  <td
                    style={{
                      ...cell,
                      background: mark ? '#f6ffed' : undefined,
                      color: mark ? '#135200' : undefined,
                    }}
                  >
                    <Value v={r.after} field={r.key} />
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
      {!created && !removed && unchanged > 0 && (
        <Button type="link" size="small" onClick={() => setAll((v) => !v)} style={{ padding: 0 }}>
          {all ? '只看有变化的字段' : `显示未变的 ${unchanged} 个字段`}
        </Button>
      )}
    </div>
  );
}
