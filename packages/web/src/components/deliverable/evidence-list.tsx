/** The files attached to a report: download links, and a delete button while the report is a draft. */
import { DeleteOutlined, PaperClipOutlined } from '@ant-design/icons';
import { Button, Popconfirm, Space, Typography } from 'antd';
import { type Evidence, fileSize } from '../../api/deliverables.ts';

export function EvidenceList({
  items,
  onDelete,
}: {
  items: readonly Evidence[];
  onDelete?: (e: Evidence) => Promise<void>;
}) {
  if (items.length === 0) return <Typography.Text type="secondary">暂无佐证材料</Typography.Text>;
  return (
    <ul aria-label="已上传的佐证材料" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
      {items.map((e) => (
        <li
          key={e.id}
          style={{ display: 'flex', alignItems: 'center', gap: 8, padding: '4px 0', minWidth: 0 }}
        >
          <PaperClipOutlined aria-hidden />
          <a
            href={e.url}
            download={e.fileName}
            style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', minWidth: 0 }}
            title={e.fileName}
          >
            {e.fileName}
          </a>
          <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
            {fileSize(e.size)}
          </Typography.Text>
          {onDelete && (
            <Space style={{ marginLeft: 'auto' }}>
              <Popconfirm
                title={`删除「${e.fileName}」？`}
                okText="删除"
                cancelText="取消"
                onConfirm={() => onDelete(e)}
              >
                <Button
                  size="small"
                  type="text"
                  danger
                  icon={<DeleteOutlined />}
                  aria-label={`删除 ${e.fileName}`}
                />
              </Popconfirm>
            </Space>
          )}
        </li>
      ))}
    </ul>
  );
}
