/**
 * The frame of every in-place correction: a modal form that sends one PATCH, keeps what was typed
 * when it fails, and shows the server's message on the field it names (or above the form; a stale
 * version asks for a reload).
 */
import { Alert, Button, Form, type FormInstance, Modal, Space } from 'antd';
import { type ReactNode, useState } from 'react';
import { type FieldMap, type SaveFailure, showSaveError } from './save-error.ts';

export function EditModal<V>({
  title,
  open,
  form,
  fields,
  initialValues,
  onSubmit,
  onClose,
  onReload,
  remove,
  children,
}: {
  title: string;
  open: boolean;
  form: FormInstance<V>;
  /** The server's error field → the form field to show it on (see save-error.ts). */
  fields: FieldMap;
  initialValues: Partial<V>;
  onSubmit: (values: V) => Promise<void>;
  onClose: () => void;
  onReload: () => void;
  /** A second action that removes what is edited (e.g. a wrongly extracted date). */
  remove?: { label: string; run: () => Promise<void> };
  children: ReactNode;
}) {
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<SaveFailure>(null);

  const run = async (action: () => Promise<void>) => {
    setSaving(true);
    setFailure(null);
    try {
      await action();
      onClose();
    } catch (e) {
      setFailure(showSaveError(e, form, fields));
    } finally {
      setSaving(false);
    }
  };

  const submit = async () => {
    let values: V;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    await run(() => onSubmit(values));
  };

  return (
    <Modal
      title={title}
      open={open}
      onCancel={onClose}
      destroyOnHidden
      width={640}
      footer={
        <Space wrap>
          {remove && (
            <Button danger disabled={saving} onClick={() => void run(remove.run)}>
              {remove.label}
            </Button>
          )}
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" loading={saving} onClick={submit}>
            保存
          </Button>
        </Space>
      }
    >
      {failure && (
        <Alert
          type="error"
          showIcon
          role="alert"
          style={{ marginBottom: 16 }}
          title={failure.stale ? '数据已变化' : '保存失败'}
          description={failure.message}
          action={
            failure.stale ? (
              <Button size="small" onClick={onReload}>
                刷新页面数据
              </Button>
            ) : undefined
          }
        />
      )}
      <Form<V>
        form={form}
        layout="vertical"
        initialValues={initialValues}
        preserve={false}
        onFinish={() => void submit()}
      >
        {children}
      </Form>
    </Modal>
  );
}
