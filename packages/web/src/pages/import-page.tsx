/**
 * 导入通知: upload the notice (.txt/.docx/.xlsx/.pdf/.ofd) or paste its text, with the first year of
 * supervision. A new notice opens its plan for review; the same text again says it was imported
 * before; a revised notice becomes the next version and shows what changed.
 */
import { InboxOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Form,
  Input,
  InputNumber,
  Result,
  Space,
  Tabs,
  Typography,
  Upload,
  type UploadFile,
} from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ApiError } from '../api/client.ts';
import { type ImportResult, importNoticeFile, importNoticeText, PLAN_STATUS_LABELS } from '../api/plans.ts';
import { useMe } from '../app/session.tsx';
import { ChangesView } from '../components/plans/plan-overview.tsx';

type Values = { year: number | null; file: UploadFile[]; text: string };
type Source = 'file' | 'text';

const ACCEPT = '.txt,.docx,.xlsx,.pdf,.ofd';

export function ImportPage() {
  const me = useMe();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const [source, setSource] = useState<Source>('file');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);

  if (!me.permissions.importNotices)
    return (
      <Result
        status="403"
        title="没有权限导入通知"
        subTitle="导入通知由依法治市办（协调员）负责。您可以在“任务清单”中查看已发布的清单。"
        extra={
          <Link to="/plans">
            <Button>查看任务清单</Button>
          </Link>
        }
      />
    );

  const submit = async (v: Values) => {
    setBusy(true);
    setFailure(null);
    setResult(null);
    const year = v.year ?? null;
    try {
      let r: ImportResult;
      if (source === 'file') {
        const file = v.file?.[0]?.originFileObj;
        if (!file) {
          form.setFields([{ name: 'file', errors: ['请选择要上传的通知文件'] }]);
          return;
        }
        r = await importNoticeFile(file, year);
      } else {
        if (!v.text?.trim()) {
          form.setFields([{ name: 'text', errors: ['请粘贴通知全文'] }]);
          return;
        }
        r = await importNoticeText(v.text, year);
      }
      if (r.created && r.version === 1) navigate(`/plans/${r.planId}`);
      else setResult(r);
    } catch (e) {
      const field = e instanceof ApiError ? e.field : undefined;
      if (e instanceof ApiError && (field === 'file' || field === 'text' || field === 'year')) {
        const name = field === 'file' && source === 'text' ? 'text' : field;
        form.setFields([{ name, errors: [e.message] }]);
      } else setFailure(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 860 }}>
      <Typography.Title level={3}>导入通知</Typography.Title>
      <Typography.Paragraph type="secondary">
        上传印发任务清单的通知（Word .docx、Excel .xlsx、PDF、OFD 或文本
        .txt），或直接粘贴通知全文。系统会识别每项任务的责任单位、时限和指标，
        并在原文中标出，供您核对修正后发布交办。同一通知重复导入不会重复创建；修订后的通知会生成新版本并列出变化。
      </Typography.Paragraph>

      {result && <ImportOutcome result={result} />}

      <Card>
        <Form<Values>
          form={form}
          layout="vertical"
          initialValues={{ year: new Date().getFullYear(), file: [], text: '' }}
          onFinish={submit}
          onValuesChange={() => setFailure(null)}
        >
          <Form.Item
            name="year"
            label="督办年度"
            extra="从哪一年开始督办（生成该年度的报送事项）；留空则按通知印发年度。"
          >
            <InputNumber min={2000} max={2100} precision={0} style={{ width: 160 }} suffix="年" />
          </Form.Item>
          <Tabs
            activeKey={source}
            onChange={(k) => setSource(k as Source)}
            items={[
              {
                key: 'file',
                label: '上传文件',
                children: (
                  <Form.Item
                    name="file"
                    label="通知文件"
                    valuePropName="fileList"
                    getValueFromEvent={(e: { fileList: UploadFile[] }) => e.fileList.slice(-1)}
                  >
                    <Upload.Dragger
                      accept={ACCEPT}
                      maxCount={1}
                      beforeUpload={() => false}
                      aria-label="选择或拖入通知文件"
                    >
                      <p className="ant-upload-drag-icon">
                        <InboxOutlined />
                      </p>
                      <p className="ant-upload-text">点击选择或将通知文件拖到此处</p>
                      <p className="ant-upload-hint">
                        支持 .docx、.xlsx、.pdf、.ofd、.txt；扫描件 PDF 无法识别；一次一个文件
                      </p>
                    </Upload.Dragger>
                  </Form.Item>
                ),
              },
              {
                key: 'text',
                label: '粘贴全文',
                children: (
                  <Form.Item name="text" label="通知全文">
                    <Input.TextArea
                      autoSize={{ minRows: 10, maxRows: 24 }}
                      placeholder="粘贴通知全文，包括标题、文号和任务清单"
                    />
                  </Form.Item>
                ),
              },
            ]}
          />
          {failure && (
            <Alert
              type="error"
              showIcon
              role="alert"
              title="导入失败"
              description={failure}
              style={{ marginBottom: 16 }}
            />
          )}
          <Button type="primary" htmlType="submit" loading={busy}>
            导入并解析
          </Button>
        </Form>
      </Card>
    </Space>
  );
}

function ImportOutcome({ result }: { result: ImportResult }) {
  const open = (
    <Link to={`/plans/${result.planId}`}>
      <Button type="primary">{result.created ? `核对第${result.version}版` : '打开任务清单'}</Button>
    </Link>
  );
  if (!result.created)
    return (
      <Alert
        type="info"
        showIcon
        role="status"
        title="此前已导入"
        description={
          <Space orientation="vertical">
            <span>
              这份通知的内容与已导入的第{result.version}版（{PLAN_STATUS_LABELS[result.plan.status]}
              ）完全相同，未重复创建。
            </span>
            {open}
          </Space>
        }
      />
    );
  return (
    <Alert
      type="success"
      showIcon
      role="status"
      title={`已导入为第${result.version}版（草稿）`}
      description={
        <Space orientation="vertical" style={{ width: '100%' }}>
          {result.changes ? <ChangesView changes={result.changes} /> : <span>与上一版相比没有变化。</span>}
          {open}
        </Space>
      }
    />
  );
}
