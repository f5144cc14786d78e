/**
 * 编辑单位 / 新增单位: name, kind (in Chinese), parent, aliases and tags as tag inputs, code, note.
 * The server checks the whole directory (parent exists, no cycle, no clashing name or alias) and its
 * message lands on the field it names; the form keeps what was typed when a save fails.
 */
import { Alert, Form, Input, Modal, Select } from 'antd';
import { useEffect, useState } from 'react';
import {
  createOrg,
  ORG_KIND_LABELS,
  ORG_TAG_LABELS,
  type Org,
  type OrgFields,
  orgTagLabel,
  updateOrg,
} from '../../api/admin.ts';
import type { ApiError } from '../../api/client.ts';
import { applyServerError, formAlert } from './form-errors.ts';

type Values = {
  id?: string;
  name: string;
  kind: string;
  parentId?: string | null;
  aliases: string[];
  tags: string[];
  code?: string;
  note?: string;
};

const FIELDS = new Set(['id', 'name', 'kind', 'parentId', 'aliases', 'tags', 'code', 'note']);

function valuesOf(org: Org | null): Values {
  if (!org)
    return { name: '', kind: 'department', parentId: undefined, aliases: [], tags: [], code: '', note: '' };
  return {
    name: org.name,
    kind: org.kind,
    parentId: org.parentId ?? undefined,
    aliases: org.aliases,
    tags: org.tags,
    code: org.code ?? '',
    note: org.note,
  };
}

/** `org` null: add a new unit. */
export function OrgEditModal({
  open,
  org,
  orgs,
  onClose,
  onSaved,
}: {
  open: boolean;
  org: Org | null;
  orgs: readonly Org[];
  onClose: () => void;
  onSaved: (saved: Org, created: boolean) => void;
}) {
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    form.setFieldsValue(valuesOf(org));
  }, [open, org, form]);

  const submit = async (values: Values) => {
    setBusy(true);
    setError(null);
    const fields: OrgFields = {
      name: values.name.trim(),
      kind: values.kind,
      parentId: values.parentId ?? null,
      aliases: values.aliases ?? [],
      tags: values.tags ?? [],
      code: values.code?.trim() || null,
      note: values.note?.trim() ?? '',
    };
    try {
      const saved = org
        ? await updateOrg(org.id, { ...fields, rowVersion: org.rowVersion })
        : await createOrg({ ...fields, id: values.id?.trim() || undefined });
      onSaved(saved, org === null);
    } catch (e) {
      setError(applyServerError(form, FIELDS, e));
    } finally {
      setBusy(false);
    }
  };

  // A unit cannot sit under itself or under one of its own descendants (the server says so too).
  const below = new Set<string>();
  if (org) {
    below.add(org.id);
    let grew = true;
    while (grew) {
      grew = false;
      for (const o of orgs)
        if (o.parentId && below.has(o.parentId) && !below.has(o.id)) {
          below.add(o.id);
          grew = true;
        }
    }
  }
  const tagOptions = [...new Set([...Object.keys(ORG_TAG_LABELS), ...orgs.flatMap((o) => o.tags)])];
  const alert = error ? formAlert(error) : null;

  return (
    <Modal
      title={org ? `编辑单位：${org.name}` : '新增单位'}
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="保存"
      cancelText="取消"
      confirmLoading={busy}
      forceRender
      width={640}
    >
      {alert && (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={alert.title}
          description={alert.description}
          style={{ marginBottom: 16 }}
        />
      )}
      <Form<Values> form={form} name="org-edit" layout="vertical" onFinish={submit} requiredMark>
        {org ? (
          <Form.Item label="编号">
            <Input value={org.id} disabled aria-label="编号" />
          </Form.Item>
        ) : (
          <Form.Item
            label="编号"
            name="id"
            extra="字母、数字或 _ . -，如 data-bureau；不填则自动生成"
            rules={[{ pattern: /^[A-Za-z0-9_.-]{1,64}$/, message: '编号只能由字母、数字和 _ . - 组成' }]}
          >
            <Input autoComplete="off" />
          </Form.Item>
        )}
        <Form.Item
          label="名称"
          name="name"
          rules={[{ required: true, whitespace: true, message: '请输入名称' }]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item label="类型" name="kind" rules={[{ required: true, message: '请选择类型' }]}>
          <Select options={Object.entries(ORG_KIND_LABELS).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Form.Item label="上级单位" name="parentId" extra="本级人民政府不填">
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="输入名称搜索"
            options={orgs.filter((o) => !below.has(o.id)).map((o) => ({ value: o.id, label: o.name }))}
          />
        </Form.Item>
        <Form.Item label="别名" name="aliases" extra="通知里可能出现的其他写法，输入后按回车添加">
          <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={['|', '｜', '，', ',']} />
        </Form.Item>
        <Form.Item label="标签" name="tags" extra="如 行政执法：通知写“行政执法部门”时，指标有此标签的单位">
          <Select
            mode="tags"
            tokenSeparators={['|', '，', ',']}
            options={tagOptions.map((t) => ({ value: t, label: orgTagLabel(t) }))}
          />
        </Form.Item>
        <Form.Item label="代码" name="code" extra="统计用区划或机构代码，可不填">
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item label="备注" name="note">
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
