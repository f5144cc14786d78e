/**
 * 报送事项 (/deliverables): every unit's deliverables for coordinators and viewers, filtered by unit,
 * task, status, light and due range through the API, paginated on the server. The filters live in
 * the address, so the links in notifications (?planId=…&orgId=…) open the right list.
 */
import { Button, Card, DatePicker, Form, InputNumber, Select, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { type DeliverableFilters, deliverablesApi } from '../api/deliverables.ts';
import type { DeliverableRow, Signal } from '../api/types.ts';
import { deliverableStatusWord, ROLE_LABELS, SIGNAL_LABELS, STATUS_LABELS } from '../app/format.ts';
import { useApi } from '../app/use-api.ts';
import { periodLabel } from '../components/deliverable/deliverable-header.tsx';
import { ErrorAlert } from '../components/error-result.tsx';
import { ItemCard, ResponsiveList, useFilterWidth, useIsPhone } from '../components/responsive-list.tsx';
import { SignalTag } from '../components/signal-tag.tsx';

const PAGE_SIZES = [20, 50, 100];

function filtersOf(p: URLSearchParams): DeliverableFilters & { page: number; pageSize: number } {
  const num = (k: string) => {
    const v = Number(p.get(k));
    return Number.isInteger(v) && v > 0 ? v : undefined;
  };
  const signal = p.get('signal');
  return {
    orgId: p.get('orgId') ?? undefined,
    taskNo: num('taskNo'),
    status: p.get('status') ?? undefined,
    signal: signal && signal in SIGNAL_LABELS ? (signal as Signal) : undefined,
    dueFrom: p.get('dueFrom') ?? undefined,
    dueTo: p.get('dueTo') ?? undefined,
    planId: p.get('planId') ?? undefined,
    page: num('page') ?? 1,
    pageSize: num('pageSize') ?? 20,
  };
}

export function DeliverablesPage() {
  const [params, setParams] = useSearchParams();
  const f = filtersOf(params);
  const key = params.toString();
  const { data, error, loading } = useApi(
    () =>
      deliverablesApi.list({
        orgId: f.orgId,
        taskNo: f.taskNo,
        status: f.status,
        signal: f.signal,
        dueFrom: f.dueFrom,
        dueTo: f.dueTo,
        planId: f.planId,
        limit: f.pageSize,
        offset: (f.page - 1) * f.pageSize,
      }),
    [key],
  );
  const orgs = useApi(() => deliverablesApi.orgs(), []);
  const phone = useIsPhone();
  const width = useFilterWidth();
  const orgOptions = useMemo(
    () =>
      (orgs.data?.orgs ?? [])
        .filter((o) => o.kind !== 'township')
        .map((o) => ({ value: o.id, label: o.name })),
    [orgs.data],
  );

  /** Change some filters (back to the first page unless the page itself changes). */
  const update = (changes: Record<string, string | number | undefined | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === undefined || v === null || v === '') next.delete(k);
      else next.set(k, String(v));
    }
    if (!('page' in changes)) next.delete('page');
    setParams(next);
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3}>报送事项</Typography.Title>
      <Card size="small">
        <Form layout={phone ? 'vertical' : 'inline'} aria-label="筛选报送事项" style={{ rowGap: 8 }}>
          <Form.Item label="责任单位" htmlFor="filter-org">
            <Select
              id="filter-org"
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder="全部单位"
              style={{ width: width(200) }}
              options={orgOptions}
              loading={orgs.loading}
              value={f.orgId}
              onChange={(v: string | undefined) => update({ orgId: v })}
            />
          </Form.Item>
          <Form.Item label="任务序号" htmlFor="filter-task">
            <InputNumber
              id="filter-task"
              min={1}
              placeholder="如 15"
              style={{ width: width(100) }}
              value={f.taskNo ?? null}
              onChange={(v) => update({ taskNo: v ?? undefined })}
            />
          </Form.Item>
          <Form.Item label="状态" htmlFor="filter-status">
            <Select
              id="filter-status"
              allowClear
              placeholder="全部状态"
              style={{ width: width(130) }}
              options={Object.entries(STATUS_LABELS).map(([value, label]) => ({ value, label }))}
              value={f.status}
              onChange={(v: string | undefined) => update({ status: v })}
            />
          </Form.Item>
          <Form.Item label="亮灯" htmlFor="filter-signal">
            <Select
              id="filter-signal"
              allowClear
              placeholder="全部"
              style={{ width: width(130) }}
              options={(Object.keys(SIGNAL_LABELS) as Signal[]).map((s) => ({
                value: s,
                label: <SignalTag signal={s} />,
                title: SIGNAL_LABELS[s],
              }))}
              value={f.signal}
              onChange={(v: Signal | undefined) => update({ signal: v })}
            />
          </Form.Item>
          <Form.Item label="截止日期" htmlFor="filter-due">
            <DatePicker.RangePicker
              id={{ start: 'filter-due' }}
              allowEmpty={[true, true]}
              style={{ width: width(260) }}
              value={[f.dueFrom ? dayjs(f.dueFrom) : null, f.dueTo ? dayjs(f.dueTo) : null]}
              onChange={(v) =>
                update({
                  dueFrom: v?.[0]?.format('YYYY-MM-DD'),
                  dueTo: v?.[1]?.format('YYYY-MM-DD'),
                })
              }
            />
          </Form.Item>
          <Form.Item>
            <Button onClick={() => setParams(new URLSearchParams())}>清除筛选</Button>
          </Form.Item>
        </Form>
        {f.planId && (
          <Tag closable onClose={() => update({ planId: undefined })} style={{ marginTop: 8 }}>
            仅看某一版任务清单
          </Tag>
        )}
      </Card>
      <ErrorAlert error={error} />
      <ResponsiveList<DeliverableRow>
        cardsLabel="报送事项"
        card={(d) => <DeliverableCard d={d} />}
        rowKey="id"
        loading={loading}
        dataSource={data?.items ?? []}
        scroll={{ x: 960 }}
        pagination={{
          current: f.page,
          pageSize: f.pageSize,
          total: data?.total ?? 0,
          pageSizeOptions: PAGE_SIZES,
          showSizeChanger: true,
          showTotal: (t) => `共 ${t} 项`,
          onChange: (page, pageSize) => update({ page, pageSize }),
        }}
        columns={[
          { title: '亮灯', dataIndex: 'signal', width: 110, render: (s: Signal) => <SignalTag signal={s} /> },
          {
            title: '截止日期',
            dataIndex: 'dueDate',
            width: 120,
            render: (v: string, d) =>
              d.extended ? (
                <Space orientation="vertical" size={0}>
                  <span>{v}</span>
                  <Typography.Text type="secondary" delete>
                    {d.originalDueDate}
                  </Typography.Text>
                </Space>
              ) : (
                v
              ),
          },
          { title: '任务', dataIndex: 'taskNo', width: 80, render: (n: number) => `第${n}项` },
          {
            title: '报送事项',
            dataIndex: 'title',
            render: (t: string, d) => <Link to={`/deliverables/${d.id}`}>{t}</Link>,
          },
          { title: '责任单位', dataIndex: 'orgName', width: 170 },
          { title: '角色', dataIndex: 'role', width: 90, render: (r: string) => ROLE_LABELS[r] ?? r },
          { title: '报送期', dataIndex: 'period', width: 140, render: (p: string) => periodLabel(p) },
          {
            title: '状态',
            key: 'status',
            width: 110,
            render: (_: unknown, d: DeliverableRow) => deliverableStatusWord(d),
          },
        ]}
      />
    </Space>
  );
}

function DeliverableCard({ d }: { d: DeliverableRow }) {
  return (
    <ItemCard
      tags={<SignalTag signal={d.signal} />}
      due={d.dueDate}
      item={<Link to={`/deliverables/${d.id}`}>{`第${d.taskNo}项 · ${d.title}`}</Link>}
      itemText={d.title}
      unit={d.orgName}
      status={deliverableStatusWord(d)}
    >
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {ROLE_LABELS[d.role] ?? d.role} · {periodLabel(d.period)}
        {d.extended ? ` · 已延期（原截止 ${d.originalDueDate}）` : ''}
      </Typography.Text>
    </ItemCard>
  );
}
