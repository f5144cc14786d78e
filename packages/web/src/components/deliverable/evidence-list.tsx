/**
 * The files of a report (佐证材料), wherever a report is shown: the unit's own form and report, the
 * co-units' inputs and the reviewer's drawer. Images get a thumbnail; images and PDFs a 预览 that shows
 * them in a dialog (the server sends them inline on `?inline=1`, sandboxed); every file a 下载 link;
 * a 删除 button (with confirmation) while the unit may still change the report: a draft or a returned
 * report (onDelete).
 */
import { DeleteOutlined, DownloadOutlined, EyeOutlined, FileOutlined } from '@ant-design/icons';
import { Button, Modal, Popconfirm, Typography } from 'antd';
import { useState } from 'react';
import { type Evidence, fileSize } from '../../api/deliverables.ts';
import { dateTime } from '../../app/format.ts';

/** The types the server sends inline; anything else would only download. */
const IMAGE = /^image\/(png|jpeg|gif|webp)$/;
const PDF = 'application/pdf';

const isImage = (e: Evidence) => IMAGE.test(e.contentType);
const previewable = (e: Evidence) => isImage(e) || e.contentType === PDF;
const inlineUrl = (e: Evidence) => `${e.url}?inline=1`;

const THUMB = 40;

export function EvidenceList({
  items,
  onDelete,
}: {
  items: readonly Evidence[];
  onDelete?: (e: Evidence) => Promise<void>;
}) {
  const [shown, setShown] = useState<Evidence | null>(null);
  if (items.length === 0) return <Typography.Text type="secondary">暂无佐证材料</Typography.Text>;
  return (
    <>
      <ul
        aria-label="已上传的佐证材料"
        style={{
          listStyle: 'none',
          margin: 0,
          padding: 0,
          border: '1px solid #f0f0f0',
          borderRadius: 6,
        }}
      >
        {items.map((e, i) => (
          <li
            key={e.id}
            style={{
              display: 'flex',
              alignItems: 'center',
              gap: 8,
              padding: '6px 8px',
              minWidth: 0,
              borderTop: i === 0 ? undefined : '1px solid #f0f0f0',
            }}
          >
            {isImage(e) ? (
              <img
                src={inlineUrl(e)}
                alt=""
                loading="lazy"
                width={THUMB}
                height={THUMB}
                style={{ objectFit: 'cover', borderRadius: 4, flex: 'none', background: '#fafafa' }}
              />
            ) : (
              <span
                aria-hidden
                style={{
                  width: THUMB,
                  height: THUMB,
                  flex: 'none',
                  display: 'inline-flex',
                  alignItems: 'center',
                  justifyContent: 'center',
                  fontSize: 20,
                  color: '#8c8c8c',
                }}
              >
                <FileOutlined />
              </span>
            )}
            {/* Width 0: a long name never widens the list (or a table cell holding it); it ends in an ellipsis. */}
            <div style={{ flex: '1 1 0', width: 0, minWidth: 0 }}>
              <Typography.Text ellipsis={{ tooltip: e.fileName }} style={{ display: 'block' }}>
                {e.fileName}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {fileSize(e.size)} · {dateTime(e.createdAt)}
              </Typography.Text>
            </div>
            <div style={{ display: 'flex', alignItems: 'center', gap: 4, flex: 'none' }}>
              {previewable(e) && (
                <Button
                  size="small"
                  icon={<EyeOutlined />}
                  onClick={() => setShown(e)}
                  aria-label={`预览 ${e.fileName}`}
                >
                  预览
                </Button>
              )}
              <Button
                size="small"
                type="link"
                href={e.url}
                download={e.fileName}
                icon={<DownloadOutlined />}
                aria-label={`下载 ${e.fileName}`}
              >
                下载
              </Button>
              {onDelete && (
                <Popconfirm
                  title={`删除「${e.fileName}」？`}
                  description="删除后可重新上传其他文件。"
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
                  >
                    删除
                  </Button>
                </Popconfirm>
              )}
            </div>
          </li>
        ))}
      </ul>
      <Modal
        open={shown !== null}
        title={<span style={{ wordBreak: 'break-all' }}>{shown?.fileName}</span>}
        onCancel={() => setShown(null)}
        destroyOnHidden
        centered
        width={shown && !isImage(shown) ? 'min(960px, 96vw)' : 'min(800px, 96vw)'}
        footer={
          shown && (
            <Button
              href={shown.url}
              download={shown.fileName}
              icon={<DownloadOutlined />}
              aria-label={`下载 ${shown.fileName}`}
            >
              下载
            </Button>
          )
        }
      >
        {shown &&
          (isImage(shown) ? (
            <img
              src={inlineUrl(shown)}
              alt={shown.fileName}
              style={{ display: 'block', maxWidth: '100%', maxHeight: '75vh', margin: '0 auto' }}
            />
          ) : (
            <iframe
              src={inlineUrl(shown)}
              title={shown.fileName}
              style={{ display: 'block', width: '100%', height: '75vh', border: 0 }}
            />
          ))}
      </Modal>
    </>
  );
}
