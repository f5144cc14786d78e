/**
 * Where an import found no task list: why, the text the server read with its line numbers, and two
 * ways on — mark the line where the list begins and import again from it, or paste the list.
 * The lines are a listbox: click a line, or focus the list and move with the arrow keys.
 */
import { Alert, Button, Card, Space, Typography } from 'antd';
import { type KeyboardEvent, useEffect, useId, useState } from 'react';
import type { NoTaskListDetails } from '../../api/plans.ts';

export type ReadTextPanelProps = {
  /** Why no list was found (the server's message). */
  message: string;
  details: NoTaskListDetails;
  /** 文件 or 粘贴的内容: what was read. */
  what: string;
  busy: boolean;
  /** A problem with the marked line (e.g. out of range). */
  lineError?: string | null;
  onStartAt(line: number): void;
  onPaste(): void;
};

const PAGE = 10;

export function ReadTextPanel({
  message,
  details,
  what,
  busy,
  lineError,
  onStartAt,
  onPaste,
}: ReadTextPanelProps) {
  const lines = details.text.split('\n');
  const [selected, setSelected] = useState<number | null>(details.listStartLine);
  const id = useId();
  const optionId = (line: number) => `${id}-line-${line}`;

  // A new answer (another file, another try) starts from the line it was given, if any.
  useEffect(() => setSelected(details.listStartLine), [details]);

  const select = (line: number) => {
    const next = Math.min(Math.max(line, 1), lines.length);
    setSelected(next);
    document.getElementById(optionId(next))?.scrollIntoView({ block: 'nearest' });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const at = selected ?? 0;
    const moves: Record<string, number> = {
      ArrowDown: at + 1,
      ArrowUp: at - 1,
      PageDown: at + PAGE,
      PageUp: at - PAGE,
      Home: 1,
      End: lines.length,
    };
    const to = moves[e.key];
    if (to !== undefined) {
      e.preventDefault();
      select(selected === null && e.key === 'ArrowUp' ? 1 : to);
    } else if (e.key === 'Enter' && selected !== null && !busy) {
      e.preventDefault();
      onStartAt(selected);
    }
  };

  const counted =
    details.truncated && details.shownLines < details.lineCount
      ? `共${details.lineCount}行，显示前${details.shownLines}行`
      : `共${details.lineCount}行`;

  return (
    <Card size="small" title="未找到任务清单" data-testid="no-task-list">
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Alert type="warning" showIcon role="alert" title={message} />
        <Typography.Paragraph style={{ marginBottom: 0 }}>
          {`下面是从${what}中读到的文字。请点击任务清单开始的那一行（也可以用方向键选择），再点“从第N行开始识别任务清单”：`}
          {
            '此前各行作为通知的标题、文号和正文，从该行起识别任务；清单没有编号、也不在表格中时，该行起的每个段落作为一项任务。'
          }
          {'也可以改为粘贴任务清单。'}
        </Typography.Paragraph>
        <div>
          <Typography.Text strong id={`${id}-label`}>
            读到的文字（{counted}）
          </Typography.Text>
          <div
            role="listbox"
            tabIndex={0}
            aria-labelledby={`${id}-label`}
            aria-activedescendant={selected !== null ? optionId(selected) : undefined}
            onKeyDown={onKeyDown}
            style={{
              marginTop: 8,
              maxHeight: 420,
              overflow: 'auto',
              border: '1px solid #d9d9d9',
              borderRadius: 6,
              fontFamily:
                'ui-monospace, SFMono-Regular, Menlo, Consolas, "Noto Sans Mono CJK SC", "Noto Sans Mono", monospace',
              fontSize: 13,
              lineHeight: 1.6,
              background: '#fafafa',
            }}
          >
            {lines.map((text, i) => {
              const line = i + 1;
              const on = line === selected;
              return (
                // Options of a listbox with aria-activedescendant: the listbox has the focus and the keys.
                // biome-ignore lint/a11y/useKeyWithClickEvents: keys are handled by the listbox (arrows, Enter).
                // biome-ignore lint/a11y/useFocusableInteractive: the listbox is focused, not its options.
                <div
                  key={line}
                  id={optionId(line)}
                  role="option"
                  aria-selected={on}
                  data-line={line}
                  onClick={() => select(line)}
                  style={{
                    display: 'flex',
                    cursor: 'pointer',
                    background: on ? '#e6f4ff' : undefined,
                    boxShadow: on ? 'inset 3px 0 0 #1677ff' : undefined,
                  }}
                >
                  <span
                    aria-hidden="true"
                    style={{
                      flex: '0 0 auto',
                      minWidth: `${String(lines.length).length + 1}ch`,
                      padding: '0 8px',
                      textAlign: 'right',
                      color: '#595959',
                      userSelect: 'none',
                      borderRight: '1px solid #e8e8e8',
                    }}
                  >
                    {line}
                  </span>
                  <span
                    style={{
                      flex: '1 1 auto',
                      minWidth: 0,
                      padding: '0 8px',
                      whiteSpace: 'pre-wrap',
                      overflowWrap: 'anywhere',
                    }}
                  >
                    <span className="sr-only" style={SR_ONLY}>
                      第{line}行：
                    </span>
                    {text === '' ? <span style={{ color: '#8c8c8c' }}>{'\u00a0'}</span> : text}
                  </span>
                </div>
              );
            })}
          </div>
          {details.truncated && (
            <Typography.Text type="secondary">
              只显示了开头部分；任务清单在更后面时，请改为粘贴任务清单。
            </Typography.Text>
          )}
        </div>
        {lineError && <Alert type="error" showIcon role="alert" title={lineError} />}
        <Space wrap>
          <Button
            type="primary"
            disabled={selected === null}
            loading={busy}
            onClick={() => selected !== null && onStartAt(selected)}
          >
            {selected === null ? '从选中的行开始识别任务清单' : `从第${selected}行开始识别任务清单`}
          </Button>
          <Button onClick={onPaste} disabled={busy}>
            粘贴任务清单
          </Button>
        </Space>
      </Space>
    </Card>
  );
}

const SR_ONLY = {
  position: 'absolute',
  width: 1,
  height: 1,
  padding: 0,
  margin: -1,
  overflow: 'hidden',
  clip: 'rect(0, 0, 0, 0)',
  whiteSpace: 'nowrap',
  border: 0,
} as const;
