/**
 * 导入通知: upload the notice (.txt/.docx/.xlsx/.pdf/.ofd) or paste its text, with the first year of
 * supervision. A new notice opens its plan for review; the same text again says it was imported
 * before; a revised notice becomes the next version and shows what changed. Where no task list
 * is found, the wizard shows the text the server read: the person marks the line where the list
 * begins and the same file or text is imported again from it, or pastes the list instead.
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
import type { TextAreaRef } from 'antd/es/input/TextArea';
import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ApiError } from '../api/client.ts';
import {
  type ImportResult,
  importNoticeFile,
  importNoticeText,
  isNoTaskListDetails,
  type NoTaskListDetails,
  PLAN_STATUS_LABELS,
} from '../api/plans.ts';
import { useMe } from '../app/session.tsx';
import { ChangesView } from '../components/plans/plan-overview.tsx';
import { ReadTextPanel } from '../components/plans/read-text-panel.tsx';

type Values = { year: number | null; file: UploadFile[]; text: string };
type Source = 'file' | 'text';
/** What was sent: the very file or text, kept so it can be sent again from a marked line. */
type Submitted = { source: 'file'; file: File } | { source: 'text'; text: string };
/** An import that found no task list: why, the text read, and what was sent. */
type NoList = { message: string; details: NoTaskListDetails; submitted: Submitted; lineError: string | null };

const ACCEPT = '.txt,.docx,.xlsx,.pdf,.ofd';

export function ImportPage() {
  const me = useMe();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const [source, setSource] = useState<Source>('file');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [noList, setNoList] = useState<NoList | null>(null);
  const [pasted, setPasted] = useState<string | null>(null);
  const panelRef = useRef<HTMLDivElement>(null);

  // The text tab's area is rendered once its tab has been shown: it takes the focus when it is there.
  const focusText = useRef(false);
  const textRef = (area: TextAreaRef | null) => {
    if (!area || !focusText.current) return;
    focusText.current = false;
    area.focus({ cursor: 'start' });
  };

  const noListShown = noList !== null;
  useEffect(() => {
    if (noListShown) panelRef.current?.scrollIntoView({ block: 'start', behavior: 'smooth' });
  }, [noListShown]);

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

  /** Send the file or text (from a marked line, when given); open the plan or say what happened. */
  const send = async (what: Submitted, listStartLine?: number) => {
    const year = form.getFieldValue('year') ?? null;
    setBusy(true);
    setFailure(null);
    setResult(null);
    try {
      const r =
        what.source === 'file'
          ? await importNoticeFile(what.file, year, listStartLine)
          : await importNoticeText(what.text, year, listStartLine);
      setNoList(null);
      form.setFields([
        { name: 'file', errors: [] },
        { name: 'text', errors: [] },
      ]);
      if (r.created && r.version === 1) navigate(`/plans/${r.planId}`);
      else setResult(r);
    } catch (e) {
      const field = e instanceof ApiError ? e.field : undefined;
      if (e instanceof ApiError && e.code === 'no-task-list' && isNoTaskListDetails(e.details)) {
        setNoList({ message: e.message, details: e.details, submitted: what, lineError: null });
        const where = what.source === 'file' ? '文件' : '粘贴的内容';
        form.setFields([
          { name: what.source, errors: [`${where}中未找到任务清单，请看下方读到的文字，指定清单开始的行`] },
        ]);
      } else if (e instanceof ApiError && field === 'listStartLine')
        setNoList((n) => (n ? { ...n, lineError: e.message } : n));
      else if (e instanceof ApiError && (field === 'file' || field === 'text' || field === 'year')) {
        const name = field === 'file' && what.source === 'text' ? 'text' : field;
        form.setFields([{ name, errors: [e.message] }]);
      } else setFailure(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const submit = async (v: Values) => {
    setNoList(null);
    setPasted(null);
    if (source === 'file') {
      const file = v.file?.[0]?.originFileObj;
      if (!file) {
        form.setFields([{ name: 'file', errors: ['请选择要上传的通知文件'] }]);
        return;
      }
      await send({ source: 'file', file });
    } else {
      if (!v.text?.trim()) {
        form.setFields([{ name: 'text', errors: ['请粘贴通知全文'] }]);
        return;
      }
      await send({ source: 'text', text: v.text });
    }
  };

  /** The text read goes to the paste tab, to be cut down to the list or replaced by another text. */
  const pasteInstead = (n: NoList) => {
    form.setFields([
      { name: 'text', value: n.details.text, errors: [] },
      { name: 'file', errors: [] },
    ]);
    setSource('text');
    setNoList(null);
    setPasted(
      n.details.truncated
        ? `已填入读到的文字的前${n.details.shownLines}行（共${n.details.lineCount}行）。请删去任务清单以外的内容，或粘贴另一份任务清单，再点“导入并解析”。`
        : '已填入读到的文字。请删去任务清单以外的内容，或粘贴另一份任务清单，再点“导入并解析”。',
    );
    focusText.current = true;
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
          initialValues={{ year: null, file: [], text: '' }}
          onFinish={submit}
          onValuesChange={(changed: Partial<Values>) => {
            setFailure(null);
            // Another file or text: the text read before is not what would be sent now.
            if ('file' in changed || 'text' in changed) setNoList(null);
            if ('file' in changed) setPasted(null);
          }}
        >
          <Form.Item
            name="year"
            label="督办年度"
            extra="从哪一年开始督办（生成该年度的报送事项）；留空则按通知印发年度。"
          >
            <InputNumber
              min={2000}
              max={2100}
              precision={0}
              style={{ width: 160 }}
              suffix="年"
              placeholder="按印发年度"
            />
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
                  <Form.Item name="text" label="通知全文" extra={pasted}>
                    <Input.TextArea
                      ref={textRef}
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

      {noList && (
        <div ref={panelRef}>
          <ReadTextPanel
            message={noList.message}
            details={noList.details}
            what={noList.submitted.source === 'file' ? '文件' : '粘贴的内容'}
            busy={busy}
            lineError={noList.lineError}
            onStartAt={(line) => {
              setNoList({ ...noList, lineError: null });
              void send(noList.submitted, line);
            }}
            onPaste={() => pasteInstead(noList)}
          />
        </div>
      )}
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
