/**
 * Import the org directory from a CSV file or an .xlsx sheet with the same columns. The file is read
 * in the browser (an .xlsx sheet becomes CSV text), the server checks it all and changes nothing when
 * a line is wrong; its error names the line and the column, and is listed here.
 */
import { InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Card, List, Space, Typography, Upload } from 'antd';
import { useState } from 'react';
import { csvErrorPlace, importOrgs, ORG_COLUMNS, type OrgImportResult, toCsv } from '../../api/admin.ts';
import { ApiError } from '../../api/client.ts';
import { readCsvText, readXlsxRows } from './xlsx.ts';

type Chosen = { fileName: string; csv: string; rows: number };

type ImportError = { key: string; line: number | null; column: string; message: string };

const COLUMN_LABELS: Record<string, string> = {
  id: '编号',
  name: '名称',
  kind: '类型',
  parent: '上级',
  aliases: '别名',
  tags: '标签',
  code: '代码',
  note: '备注',
};

function dataRows(csv: string): number {
  return csv.split(/\r\n|\n|\r/).filter((l) => l.replaceAll(',', '').trim() !== '').length - 1;
}

export function OrgImport({ onImported }: { onImported: () => void }) {
  const [chosen, setChosen] = useState<Chosen | null>(null);
  const [reading, setReading] = useState(false);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<ImportError[]>([]);
  const [result, setResult] = useState<OrgImportResult | null>(null);
  /** The file the errors are about. */
  const [chosenName, setChosenName] = useState<string | null>(null);

  const choose = async (file: File) => {
    setReading(true);
    setChosen(null);
    setChosenName(file.name);
    setErrors([]);
    setResult(null);
    try {
      const csv = /\.xlsx$/i.test(file.name) ? toCsv(await readXlsxRows(file)) : await readCsvText(file);
      setChosen({ fileName: file.name, csv, rows: Math.max(0, dataRows(csv)) });
    } catch (e) {
      setChosen(null);
      setErrors([
        { key: 'read', line: null, column: '', message: e instanceof Error ? e.message : '文件无法读取' },
      ]);
    } finally {
      setReading(false);
    }
  };

  const submit = async () => {
    if (!chosen) return;
    setChosenName(chosen.fileName);
    setBusy(true);
    setErrors([]);
    setResult(null);
    try {
      setResult(await importOrgs(chosen.csv));
      setChosen(null);
      onImported();
    } catch (e) {
      const err = e instanceof ApiError ? e : new ApiError(0, 'internal', String(e));
      const place = csvErrorPlace(err.field);
      setChosen(null);
      setErrors([
        {
          key: err.field ?? 'error',
          line: place?.line ?? null,
          column: place?.column ?? '',
          // The server's message starts with 第N行 field: — the list shows those apart.
          message: place ? err.message.replace(/^第\d+行[^:]*:\s*/, '') : err.message,
        },
      ]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title="导入组织目录" size="small">
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          上传 CSV 文件或 Excel（.xlsx，读取第一个工作表），第一行为表头：
          <Typography.Text code>{ORG_COLUMNS.join(',')}</Typography.Text>
          （也可用中文表头 编号、名称、类型、上级、别名、标签、代码、备注）；别名和标签多个时用
          <Typography.Text code>|</Typography.Text>分隔，行政执法部门的标签写
          <Typography.Text code>law-enforcement</Typography.Text>
          。同编号的单位会被更新，新编号的单位会被新增，
          不会删除任何单位；文件中任何一行有误时整个文件都不导入。
        </Typography.Paragraph>
        <Upload.Dragger
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          multiple={false}
          showUploadList={false}
          beforeUpload={(file) => {
            void choose(file);
            return Upload.LIST_IGNORE;
          }}
          aria-label="选择组织目录文件（CSV 或 .xlsx）"
          disabled={reading || busy}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">点击或拖入 CSV / .xlsx 文件</p>
        </Upload.Dragger>
        {chosen && (
          <Alert
            type="info"
            showIcon
            title={`已选择「${chosen.fileName}」，共 ${chosen.rows} 个单位`}
            action={
              <Space>
                <Button onClick={() => setChosen(null)}>取消</Button>
                <Button type="primary" loading={busy} onClick={submit}>
                  导入
                </Button>
              </Space>
            }
          />
        )}
        {result && (
          <Alert
            type="success"
            showIcon
            role="status"
            title={`导入完成：新增 ${result.added} 个，更新 ${result.updated} 个，未变 ${result.unchanged} 个`}
          />
        )}
        {errors.length > 0 && (
          <Alert
            type="error"
            showIcon
            role="alert"
            title={
              chosenName
                ? `「${chosenName}」有误，未导入任何内容；请改正后重新选择文件`
                : '文件有误，未导入任何内容'
            }
            description={
              <List
                size="small"
                dataSource={errors}
                rowKey="key"
                renderItem={(e) => (
                  <List.Item>
                    <Space wrap>
                      {e.line !== null && <Typography.Text strong>{`第 ${e.line} 行`}</Typography.Text>}
                      {e.column && (
                        <Typography.Text code>
                          {COLUMN_LABELS[e.column] ? `${e.column}（${COLUMN_LABELS[e.column]}）` : e.column}
                        </Typography.Text>
                      )}
                      <Typography.Text>{e.message}</Typography.Text>
                    </Space>
                  </List.Item>
                )}
              />
            }
          />
        )}
      </Space>
    </Card>
  );
}
