/**
 * 审计记录: the audit trail, newest first, filtered by object (e.g. /audit?entity=deliverable&entityId=…)
 * or by who acted; each record with its time (Beijing), actor, action and what it changed. The hash
 * chain that makes the trail tamper-evident can be checked here, together with the anchors of its
 * head kept outside the database (they reveal deleted newest records and a rewritten chain).
 */
import { DownloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { ACTION_LABELS, ENTITY_LABELS } from '@luoshi/core';
import { Alert, Button, Card, DatePicker, Empty, Form, Input, Select, Space, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import {
  type AuditCheck,
  type AuditEntry,
  type AuditPage as AuditPageData,
  listAudit,
  listUsers,
  verifyAudit,
} from '../api/admin.ts';
import { ApiError } from '../api/client.ts';
import { dateTime } from '../app/format.ts';
import { useApi } from '../app/use-api.ts';
import { AuditDiff, AuditNames } from '../components/admin/audit-diff.tsx';
import { ErrorAlert } from '../components/error-result.tsx';
import { useFilterWidth, useIsPhone } from '../components/responsive-list.tsx';

const PAGE = 30;

type Filters = { entity?: string; entityId?: string; actorId?: string };

function actionColor(action: string): string {
  if (/return|refuse|failed|locked|remove/.test(action)) return 'red';
  if (/accept|approve|sent|publish/.test(action)) return 'green';
  if (/create|import|add/.test(action)) return 'blue';
  if (/escalation/.test(action)) return 'orange';
  return 'default';
}

type Names = Record<string, { name: string; link: string | null }>;

/** A link-button around a name that may be long (第7项 · 市财政局 · …): it wraps, so a phone does not scroll sideways. */
const WRAPPING_LINK = { padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left' } as const;

function Entry({ e, names, onFilter }: { e: AuditEntry; names: Names; onFilter: (f: Filters) => void }) {
  const [raw, setRaw] = useState(false);
  const kind = ENTITY_LABELS[e.entity] ?? '记录';
  const object = names[e.entityId];
  const actor = e.actorId ? (names[e.actorId]?.name ?? e.actorName) : e.actorName;
  return (
    <Card size="small" data-seq={e.seq} styles={{ body: { padding: 12 } }}>
      <Space orientation="vertical" size={8} style={{ width: '100%' }}>
        <Space wrap size={[12, 4]}>
          <Typography.Text strong>
            <time dateTime={e.at}>{dateTime(e.at)}</time>
          </Typography.Text>
          <Tag color={actionColor(e.action)}>{ACTION_LABELS[e.action] ?? '其他操作'}</Tag>
          <Typography.Text>
            操作人：
            {e.actorId ? (
              <Button
                type="link"
                size="small"
                style={WRAPPING_LINK}
                onClick={() => onFilter({ actorId: e.actorId ?? undefined })}
                aria-label={`只看 ${actor} 的操作`}
              >
                {actor}
              </Button>
            ) : (
              actor
            )}
          </Typography.Text>
          <Typography.Text>
            对象：
            <Button
              type="link"
              size="small"
              style={WRAPPING_LINK}
              onClick={() => onFilter({ entity: e.entity, entityId: e.entityId })}
              aria-label={`只看${kind}${object ? ` ${object.name}` : ''} 的记录`}
            >
              {kind}
              {object ? ` ${object.name}` : ''}
            </Button>
            {object?.link && (
              <>
                {' '}
                <Link to={object.link}>打开</Link>
              </>
            )}
          </Typography.Text>
          <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setRaw((v) => !v)}>
            {raw ? '收起原始记录' : '原始记录'}
          </Button>
        </Space>
        <AuditDiff before={e.before} after={e.after} />
        {raw && (
          <pre
            data-raw-record={e.seq}
            style={{ margin: 0, fontSize: 12, whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}
          >
            {JSON.stringify(e, null, 2)}
          </pre>
        )}
      </Space>
    </Card>
  );
}

function anchorLines(check: AuditCheck): string[] {
  const a = check.anchors;
  if (!a) return [];
  const lines: string[] = [];
  if (a.problem) {
    const others = a.failed > 1 ? `，另有 ${a.failed - 1} 个锚点不符` : '';
    lines.push(`与数据库之外的锚点不符：${a.problem.reason}${others}`);
  } else if (a.latest)
    lines.push(
      `已与 ${a.checked} 个锚点（保存在数据库之外）核对无误，最近的锚点在第 ${a.latest.seq} 条（${dateTime(a.latest.at)}）`,
    );
  return [...lines, ...a.notes];
}

function VerifyButton() {
  const [busy, setBusy] = useState(false);
  const [check, setCheck] = useState<AuditCheck | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      setCheck(await verifyAudit());
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  const anchors = check ? anchorLines(check) : [];
  const lines = (items: string[]) => items.map((line) => <div key={line}>{line}</div>);
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Button icon={<SafetyCertificateOutlined />} loading={busy} onClick={run}>
        校验审计链
      </Button>
      {check?.ok && (
        <Alert
          type="success"
          showIcon
          role="status"
          title={`审计链完整：共 ${check.count} 条记录，逐条哈希链接无误，未发现篡改或缺失`}
          description={anchors.length > 0 ? lines(anchors) : undefined}
        />
      )}
      {check && !check.ok && (
        <Alert
          type="error"
          showIcon
          role="alert"
          title="审计链校验未通过"
          description={lines([
            check.problem
              ? `第 ${check.problem.seq} 条记录：${check.problem.reason}（此前 ${check.count} 条完好）`
              : `现有 ${check.count} 条记录彼此哈希相连`,
            ...anchors,
          ])}
        />
      )}
      {error && <Alert type="error" showIcon role="alert" title={error} />}
    </Space>
  );
}

/**
 * The records of a period as a file for the 安全审计 (CSV for Excel, or JSON Lines with the hashes that
 * an assessor can re-check — named for what it is for, not its format, which means nothing to the
 * office); the download is itself recorded in the trail.
 */
function ExportLinks() {
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => [dayjs().subtract(6, 'month'), dayjs()]);
  const href = (format: 'csv' | 'jsonl') =>
    `/api/audit/export?${new URLSearchParams({
      from: range[0].format('YYYY-MM-DD'),
      to: range[1].format('YYYY-MM-DD'),
      format,
    })}`;
  return (
    <Space wrap>
      <DatePicker.RangePicker
        aria-label="导出的起止日期"
        allowClear={false}
        value={range}
        onChange={(v) => {
          if (v?.[0] && v[1]) setRange([v[0], v[1]]);
        }}
      />
      <Button icon={<DownloadOutlined />} href={href('csv')} download>
        导出 CSV
      </Button>
      <Button href={href('jsonl')} download>
        导出校验文件（含哈希链）
      </Button>
    </Space>
  );
}

export function AuditPage() {
  const [params, setParams] = useSearchParams();
  const filters: Filters = {
    entity: params.get('entity') ?? undefined,
    entityId: params.get('entityId') ?? undefined,
    actorId: params.get('actorId') ?? undefined,
  };
  const [form] = Form.useForm<Filters>();
  const phone = useIsPhone();
  const width = useFilterWidth();
  const users = useApi(listUsers, []);
  const [entries, setEntries] = useState<AuditEntry[]>([]);
  const [names, setNames] = useState<Names>({});
  const [nextBefore, setNextBefore] = useState<number | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<ApiError | null>(null);
  const key = `${filters.entity ?? ''}|${filters.entityId ?? ''}|${filters.actorId ?? ''}`;

  const load = async (before: number | undefined) => {
    setLoading(true);
    try {
      const page = (await listAudit({ ...filters, before, limit: PAGE })) as AuditPageData & { names: Names };
      setEntries((prev) => (before === undefined ? page.entries : [...prev, ...page.entries]));
      setNames((prev) => (before === undefined ? page.names : { ...prev, ...page.names }));
      setNextBefore(page.nextBefore);
      setError(null);
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, 'internal', String(e)));
    } finally {
      setLoading(false);
    }
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: reload when the filters in the address change.
  useEffect(() => {
    form.setFieldsValue({ entity: filters.entity, entityId: filters.entityId, actorId: filters.actorId });
    setEntries([]);
    void load(undefined);
  }, [key]);

  const apply = (f: Filters) => {
    const next = new URLSearchParams();
    if (f.entity) next.set('entity', f.entity);
    if (f.entityId?.trim()) next.set('entityId', f.entityId.trim());
    if (f.actorId) next.set('actorId', f.actorId);
    setParams(next);
  };

  const filtered = Boolean(filters.entity || filters.entityId || filters.actorId);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        审计记录
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        系统中的每一次变更都留有记录，按时间倒序排列，时间为北京时间。记录逐条以哈希相连，任何改动或删除都能被校验发现。
      </Typography.Paragraph>
      <Card size="small">
        <Form<Filters>
          form={form}
          layout={phone ? 'vertical' : 'inline'}
          onFinish={apply}
          style={{ rowGap: 8 }}
        >
          <Form.Item label="对象类型" name="entity">
            <Select
              allowClear
              placeholder="全部"
              style={{ width: width(160) }}
              options={Object.entries(ENTITY_LABELS).map(([value, label]) => ({ value, label }))}
            />
          </Form.Item>
          <Form.Item label="对象编号" name="entityId">
            <Input allowClear placeholder="如报送事项的编号" style={{ width: width(240) }} />
          </Form.Item>
          <Form.Item label="操作人" name="actorId">
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder="全部"
              style={{ width: width(220) }}
              loading={users.loading}
              options={(users.data ?? []).map((u) => ({
                value: u.id,
                label: `${u.displayName}（${u.username}）`,
              }))}
            />
          </Form.Item>
          <Form.Item>
            <Space>
              <Button type="primary" htmlType="submit">
                查询
              </Button>
              <Button
                disabled={!filtered}
                onClick={() => {
                  form.resetFields();
                  setParams(new URLSearchParams());
                }}
              >
                清除筛选
              </Button>
            </Space>
          </Form.Item>
        </Form>
      </Card>
      <VerifyButton />
      <Card size="small" title="导出审计记录（供安全审计，记录永久保存）">
        <ExportLinks />
      </Card>
      <ErrorAlert error={error} />
      <AuditNames.Provider value={names}>
        {entries.map((e) => (
          <Entry key={e.seq} e={e} names={names} onFilter={apply} />
        ))}
      </AuditNames.Provider>
      {loading && entries.length === 0 && <Card loading aria-busy="true" />}
      {!loading && !error && entries.length === 0 && <Empty description="没有符合条件的记录" />}
      {entries.length > 0 && (
        <Space>
          {nextBefore !== null ? (
            <Button loading={loading} onClick={() => void load(nextBefore)}>
              加载更多
            </Button>
          ) : (
            <Typography.Text type="secondary">已显示全部 {entries.length} 条记录</Typography.Text>
          )}
        </Space>
      )}
    </Space>
  );
}
