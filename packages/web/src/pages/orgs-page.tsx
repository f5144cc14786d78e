/**
 * 组织目录: every unit with its kind, parent, aliases and tags; search, download as CSV, import
 * CSV/.xlsx, edit one unit in place (编辑) or add one (新增单位).
 */
import { DownloadOutlined, EditOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Checkbox, Input, Select, Space, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { listOrgs, ORG_KIND_LABELS, type Org, orgKindLabel, orgsToCsv, orgTagLabel } from '../api/admin.ts';
import { useApi } from '../app/use-api.ts';
import { OrgEditModal } from '../components/admin/org-edit-modal.tsx';
import { OrgImport } from '../components/admin/org-import.tsx';
import { ErrorAlert } from '../components/error-result.tsx';
import { FilterBar, ItemCard, ResponsiveList, useFilterWidth } from '../components/responsive-list.tsx';

function download(name: string, text: string): void {
  // A BOM so that Excel opens the UTF-8 file with its Chinese intact.
  const url = URL.createObjectURL(new Blob(['\ufeff', text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

const KIND_ORDER = Object.keys(ORG_KIND_LABELS);

function OrgTags({ tags }: { tags: string[] }) {
  return tags.map((t) => (
    <Tag key={t} color={t === 'law-enforcement' ? 'volcano' : 'default'}>
      {orgTagLabel(t)}
    </Tag>
  ));
}

export function OrgsPage() {
  const { message } = App.useApp();
  const { data, error, loading, reload } = useApi(listOrgs, []);
  // undefined: closed; null: adding a unit; an org: editing it.
  const [editing, setEditing] = useState<Org | null | undefined>(undefined);
  const [search, setSearch] = useState('');
  const [kind, setKind] = useState<string | undefined>();
  const [lawOnly, setLawOnly] = useState(false);
  const [importing, setImporting] = useState(false);
  // The city government, then its departments, districts, committees, townships … in file order within each kind.
  const orgs = useMemo(() => {
    const rank = (k: string) => {
      const i = KIND_ORDER.indexOf(k);
      return i < 0 ? KIND_ORDER.length : i;
    };
    return (data ?? [])
      .map((o, i) => ({ o, i }))
      .sort((a, b) => rank(a.o.kind) - rank(b.o.kind) || a.i - b.i)
      .map((x) => x.o);
  }, [data]);
  const byId = useMemo(() => new Map(orgs.map((o) => [o.id, o])), [orgs]);
  const q = search.trim().toLowerCase();
  const shown = orgs.filter(
    (o) =>
      (!kind || o.kind === kind) &&
      (!lawOnly || o.tags.includes('law-enforcement')) &&
      (q === '' ||
        o.name.toLowerCase().includes(q) ||
        o.id.toLowerCase().includes(q) ||
        (o.code ?? '').includes(q) ||
        o.aliases.some((a) => a.toLowerCase().includes(q))),
  );
  const kinds = [...new Set(orgs.map((o) => o.kind))];
  const width = useFilterWidth();
  const edit = (o: Org) => (
    <Button
      type="link"
      size="small"
      icon={<EditOutlined />}
      aria-label={`编辑 ${o.name}`}
      onClick={() => setEditing(o)}
    >
      编辑
    </Button>
  );

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        组织目录
      </Typography.Title>
      <ErrorAlert error={error} />
      <FilterBar>
        <Input.Search
          allowClear
          placeholder="名称、别名、编号或代码"
          aria-label="搜索单位"
          style={{ width: width(260) }}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <Select
          allowClear
          placeholder="全部类型"
          aria-label="按类型筛选"
          style={{ width: width(200) }}
          value={kind}
          onChange={setKind}
          options={kinds.map((k) => ({ value: k, label: orgKindLabel(k) }))}
        />
        <Checkbox checked={lawOnly} onChange={(e) => setLawOnly(e.target.checked)}>
          只看行政执法部门
        </Checkbox>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)}>
          新增单位
        </Button>
        <Button
          icon={<DownloadOutlined />}
          disabled={orgs.length === 0}
          onClick={() => download('组织目录.csv', orgsToCsv(orgs))}
        >
          下载 CSV
        </Button>
        <Button icon={<UploadOutlined />} aria-expanded={importing} onClick={() => setImporting((v) => !v)}>
          导入 CSV / Excel
        </Button>
        <Typography.Text type="secondary">
          {shown.length === orgs.length
            ? `共 ${orgs.length} 个单位`
            : `${shown.length} / ${orgs.length} 个单位`}
        </Typography.Text>
      </FilterBar>
      {importing && <OrgImport onImported={() => void reload()} />}
      <ResponsiveList<Org>
        cardsLabel="单位"
        card={(o) => (
          <ItemCard
            tags={<Tag>{orgKindLabel(o.kind)}</Tag>}
            item={<Typography.Text strong>{o.name}</Typography.Text>}
            itemText={o.name}
            unit={o.parentId ? `上级：${byId.get(o.parentId)?.name ?? o.parentId}` : undefined}
            status={<OrgTags tags={o.tags} />}
            actions={edit(o)}
          >
            {o.aliases.length > 0 && (
              <Typography.Text type="secondary" style={{ overflowWrap: 'anywhere' }}>
                别名：{o.aliases.join('、')}
              </Typography.Text>
            )}
          </ItemCard>
        )}
        rowKey="id"
        size="middle"
        loading={loading}
        dataSource={shown}
        scroll={{ x: 1100 }}
        pagination={{ defaultPageSize: 20, showSizeChanger: true, pageSizeOptions: [20, 50, 100] }}
        columns={[
          {
            title: '名称',
            dataIndex: 'name',
            // The name alone: the unit's internal id (编号) is for the edit dialog, not for reading.
            render: (name: string) => <Typography.Text strong>{name}</Typography.Text>,
          },
          {
            title: '类型',
            dataIndex: 'kind',
            width: 170,
            render: (k: string) => orgKindLabel(k),
            filters: Object.entries(ORG_KIND_LABELS)
              .filter(([k]) => kinds.includes(k))
              .map(([value, text]) => ({ value, text })),
            onFilter: (value, o) => o.kind === value,
          },
          {
            title: '上级',
            dataIndex: 'parentId',
            width: 160,
            render: (p: string | null) => (p ? (byId.get(p)?.name ?? p) : '—'),
          },
          {
            title: '别名',
            dataIndex: 'aliases',
            render: (aliases: string[]) =>
              aliases.length === 0 ? (
                <Typography.Text type="secondary">—</Typography.Text>
              ) : (
                <Space size={[0, 4]} wrap>
                  {aliases.map((a) => (
                    <Tag key={a}>{a}</Tag>
                  ))}
                </Space>
              ),
          },
          {
            title: '标签',
            dataIndex: 'tags',
            width: 120,
            render: (tags: string[]) => <OrgTags tags={tags} />,
          },
          { title: '代码', dataIndex: 'code', width: 100, render: (c: string | null) => c ?? '—' },
          {
            title: '备注',
            dataIndex: 'note',
            ellipsis: { showTitle: true },
            width: 220,
          },
          {
            title: '操作',
            key: 'actions',
            width: 90,
            fixed: 'right',
            render: (_: unknown, o) => edit(o),
          },
        ]}
      />
      <OrgEditModal
        open={editing !== undefined}
        org={editing ?? null}
        orgs={orgs}
        onClose={() => setEditing(undefined)}
        onSaved={(saved, created) => {
          setEditing(undefined);
          void message.success(created ? `已新增 ${saved.name}` : `已保存 ${saved.name}`);
          void reload();
        }}
      />
    </Space>
  );
}
