/**
 * 本单位日历 (/calendar): the unit's deadlines on a month calendar and as a list of what is due
 * soon, the iCalendar subscription link with a copy button, and the tasks still to acknowledge (签收).
 */
import { CopyOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Badge,
  Button,
  Calendar,
  Card,
  Col,
  ConfigProvider,
  Empty,
  Grid,
  Input,
  List,
  Row,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { type CalendarLink, deliverablesApi } from '../api/deliverables.ts';
import type { DeliverableRow, Signal } from '../api/types.ts';
import { proseDate, ROLE_LABELS, STATUS_LABELS } from '../app/format.ts';
import { useMe } from '../app/session.tsx';
import { useApi } from '../app/use-api.ts';
import { useAcknowledge } from '../components/deliverable/use-acknowledge.ts';
import { ErrorAlert } from '../components/error-result.tsx';
import { SignalTag } from '../components/signal-tag.tsx';

const BADGE: Record<Signal, 'success' | 'processing' | 'warning' | 'error' | 'default'> = {
  blue: 'processing',
  green: 'success',
  yellow: 'warning',
  red: 'error',
  grey: 'default',
};

/** The feed address; when the server does not know its public address, the one this page came from. */
function usableLink(link: CalendarLink): CalendarLink {
  try {
    const u = new URL(link.url);
    if (u.port !== '0') return link;
    const url = `${window.location.origin}${u.pathname}`;
    return { ...link, url, webcalUrl: url.replace(/^https?:/, 'webcal:') };
  } catch {
    return link;
  }
}

function Subscription({ orgId }: { orgId: string }) {
  const { message } = App.useApp();
  const { data, error } = useApi(() => deliverablesApi.calendarLink(orgId), [orgId]);
  const link = data ? usableLink(data) : null;
  const copy = async () => {
    if (!link) return;
    try {
      await navigator.clipboard.writeText(link.url);
      message.success('订阅地址已复制');
    } catch {
      message.warning('浏览器不允许自动复制，请选中地址后手动复制');
    }
  };
  return (
    <Card title="日历订阅（iCal）" size="small">
      <ErrorAlert error={error} />
      {link && (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Text type="secondary">
            把本单位的办理时限加入手机或电脑日历（Outlook、苹果日历、WPS
            等），时限变化会自动同步。请勿外传此地址。
          </Typography.Text>
          <Space.Compact style={{ width: '100%' }}>
            <Input readOnly value={link.url} aria-label="日历订阅地址" onFocus={(e) => e.target.select()} />
            <Button icon={<CopyOutlined />} onClick={copy}>
              复制
            </Button>
          </Space.Compact>
          <a href={link.webcalUrl}>用日历应用打开订阅</a>
        </Space>
      )}
    </Card>
  );
}

function Acknowledge() {
  const { data, error, loading, reload } = useApi(() => deliverablesApi.assignments(false), []);
  const { busy, failed, acknowledge: ack } = useAcknowledge(reload);
  const items = data?.items ?? [];
  return (
    <Card title={`待签收任务（${data?.total ?? 0}）`} size="small">
      <ErrorAlert error={error} />
      {failed && <Alert type="error" showIcon role="alert" title={failed} style={{ marginBottom: 8 }} />}
      <List
        loading={loading}
        dataSource={items}
        locale={{ emptyText: <Empty description="交办的任务都已签收" /> }}
        pagination={items.length > 10 ? { pageSize: 10, size: 'small' } : false}
        renderItem={(a) => (
          <List.Item
            actions={[
              <Button
                key="ack"
                size="small"
                type="primary"
                loading={busy === a.id}
                onClick={() => ack(a)}
                aria-label={`签收第${a.taskNo}项任务`}
              >
                签收
              </Button>,
            ]}
          >
            <Space orientation="vertical" size={0} style={{ minWidth: 0 }}>
              <Typography.Text strong>
                第{a.taskLabel || a.taskNo}项 <Tag>{ROLE_LABELS[a.role] ?? a.role}</Tag>
              </Typography.Text>
              <Typography.Text type="secondary" ellipsis={{ tooltip: a.taskExcerpt }}>
                {a.taskExcerpt}
              </Typography.Text>
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}

export function CalendarPage() {
  const me = useMe();
  const screens = Grid.useBreakpoint();
  const orgId = me.user.orgId;
  const { data, error, loading } = useApi(
    () => (orgId ? deliverablesApi.list({ orgId, limit: 500 }) : Promise.resolve(null)),
    [orgId],
  );
  const [picked, setPicked] = useState<Dayjs | null>(null);
  const today = data?.today ?? dayjs().format('YYYY-MM-DD');
  const selected = picked ?? dayjs(today);
  const byDay = useMemo(() => {
    const m = new Map<string, DeliverableRow[]>();
    for (const d of data?.items ?? []) {
      const list = m.get(d.dueDate) ?? [];
      list.push(d);
      m.set(d.dueDate, list);
    }
    return m;
  }, [data]);

  if (!orgId)
    return (
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Title level={3}>本单位日历</Typography.Title>
        <Alert type="info" showIcon title="本页面供承办单位使用；您的账号不属于任何单位。" />
      </Space>
    );

  const horizon = dayjs(today).add(60, 'day').format('YYYY-MM-DD');
  // Not yet handed in and due within two months (overdue ones first, as the list is by due date).
  const upcoming = (data?.items ?? []).filter(
    (d) => d.dueDate <= horizon && ['pending', 'draft', 'returned'].includes(d.status),
  );
  const selectedRows = byDay.get(selected.format('YYYY-MM-DD')) ?? [];
  const full = Boolean(screens.lg);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3}>本单位日历</Typography.Title>
      <ErrorAlert error={error} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={16}>
          <Card size="small" title={`${me.org?.name ?? ''}办理时限`}>
            <ConfigProvider theme={OUT_OF_MONTH_READABLE}>
              <Calendar
                fullscreen={full}
                value={selected}
                onSelect={(d) => setPicked(d)}
                headerRender={({ value, onChange }) => (
                  <Space style={{ display: 'flex', justifyContent: 'flex-end', padding: '8px 0' }}>
                    <Select
                      aria-label="年份"
                      size="small"
                      value={value.year()}
                      onChange={(y: number) => onChange(value.year(y))}
                      options={yearOptions(value.year())}
                    />
                    <Select
                      aria-label="月份"
                      size="small"
                      value={value.month()}
                      onChange={(m: number) => onChange(value.month(m))}
                      options={MONTH_OPTIONS}
                    />
                  </Space>
                )}
                cellRender={(date, info) => {
                  if (info.type !== 'date') return info.originNode;
                  const rows = byDay.get(date.format('YYYY-MM-DD')) ?? [];
                  if (rows.length === 0) return null;
                  if (!full)
                    return (
                      <Badge
                        status={BADGE[worst(rows)]}
                        aria-label={`${rows.length} 项到期`}
                        style={{ position: 'absolute', bottom: -6, left: '50%' }}
                      />
                    );
                  return (
                    <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
                      {rows.slice(0, 3).map((d) => (
                        <li
                          key={d.id}
                          style={{ whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}
                        >
                          <Badge status={BADGE[d.signal]} />
                          <Link to={`/deliverables/${d.id}`} title={`第${d.taskNo}项 · ${d.title}`}>
                            第{d.taskNo}项
                          </Link>
                        </li>
                      ))}
                      {rows.length > 3 && <li>另有 {rows.length - 3} 项</li>}
                    </ul>
                  );
                }}
              />
            </ConfigProvider>
            <Typography.Title level={5} style={{ marginTop: 8 }}>
              {proseDate(selected.format('YYYY-MM-DD'))}到期
            </Typography.Title>
            {selectedRows.length === 0 ? (
              <Typography.Text type="secondary">这一天没有到期的事项。</Typography.Text>
            ) : (
              <DueList rows={selectedRows} />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <Card size="small" title="待报送（60天内到期及已逾期）" loading={loading && !data}>
              {upcoming.length === 0 ? (
                <Typography.Text type="secondary">近期没有待报送的事项。</Typography.Text>
              ) : (
                <DueList rows={upcoming.slice(0, 15)} withDate />
              )}
            </Card>
            <Subscription orgId={orgId} />
            <Acknowledge />
          </Space>
        </Col>
      </Row>
    </Space>
  );
}

/** The days of the neighbouring months are greyed with the disabled colour, too faint to read (WCAG AA). */
const OUT_OF_MONTH_READABLE = { token: { colorTextDisabled: 'rgba(0, 0, 0, 0.55)' } };
const MONTH_OPTIONS = Array.from({ length: 12 }, (_, m) => ({ value: m, label: `${m + 1}月` }));

function yearOptions(year: number): { value: number; label: string }[] {
  return Array.from({ length: 11 }, (_, i) => ({ value: year - 5 + i, label: `${year - 5 + i}年` }));
}

const ORDER: Signal[] = ['red', 'yellow', 'green', 'grey', 'blue'];

function worst(rows: readonly DeliverableRow[]): Signal {
  return ORDER.find((s) => rows.some((r) => r.signal === s)) ?? 'grey';
}

function DueList({ rows, withDate }: { rows: readonly DeliverableRow[]; withDate?: boolean }) {
  return (
    <ul style={{ listStyle: 'none', margin: 0, padding: 0 }} aria-label={withDate ? '近期待办' : '当日到期'}>
      {rows.map((d) => (
        <li key={d.id} style={{ padding: '6px 0', borderBottom: '1px solid #f0f0f0' }}>
          <Space wrap size={6}>
            <SignalTag signal={d.signal} />
            {withDate && <Typography.Text>{proseDate(d.dueDate)}</Typography.Text>}
            <Link to={`/deliverables/${d.id}`}>{`第${d.taskNo}项 · ${d.title}`}</Link>
            <Typography.Text type="secondary">{STATUS_LABELS[d.status] ?? d.status}</Typography.Text>
          </Space>
        </li>
      ))}
    </ul>
  );
}
