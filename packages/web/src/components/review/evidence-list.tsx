/**
 * 佐证材料: every file of a report with a download link; images and PDFs can also be looked at in a
 * new tab. The server sends files as attachments, so a preview fetches the file and opens it from
 * memory with its own type.
 */
import { DownloadOutlined, EyeOutlined, FileOutlined } from '@ant-design/icons';
import { App, Button, List, Space, Typography } from 'antd';
import type { Evidence } from '../../api/dashboard.ts';
import { dateTime } from '../../app/format.ts';

export function fileSize(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

const PREVIEWABLE = /^(image\/(png|jpeg|gif|webp|bmp)|application\/pdf)$/;

export function EvidenceList({ items }: { items: readonly Evidence[] }) {
  const { message } = App.useApp();
  const preview = async (e: Evidence) => {
    // Open the tab while the click still counts as the user's, then point it at the file.
    const tab = window.open('', '_blank');
    try {
      const res = await fetch(e.url, { credentials: 'same-origin' });
      if (!res.ok) throw new Error(String(res.status));
      const blob = new Blob([await res.arrayBuffer()], { type: e.contentType });
      const url = URL.createObjectURL(blob);
      if (tab) tab.location.href = url;
      else window.location.assign(url);
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch {
      tab?.close();
      message.error(`无法打开「${e.fileName}」，请改用下载`);
    }
  };
  if (items.length === 0) return <Typography.Text type="secondary">未上传佐证材料</Typography.Text>;
  return (
    <List
      size="small"
      bordered
      dataSource={[...items]}
      renderItem={(e) => (
        <List.Item
          actions={[
            ...(PREVIEWABLE.test(e.contentType)
              ? [
                  <Button
                    key="view"
                    size="small"
                    icon={<EyeOutlined />}
                    onClick={() => void preview(e)}
                    aria-label={`在新标签页查看 ${e.fileName}`}
                  >
                    查看
                  </Button>,
                ]
              : []),
            <a key="dl" href={e.url} download={e.fileName} aria-label={`下载 ${e.fileName}`}>
              <DownloadOutlined /> 下载
            </a>,
          ]}
        >
          <Space>
            <FileOutlined />
            <span>
              <Typography.Text>{e.fileName}</Typography.Text>
              <br />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {fileSize(e.size)} · {dateTime(e.createdAt)}
              </Typography.Text>
            </span>
          </Space>
        </List.Item>
      )}
    />
  );
}
