/** Why a notice file could not be read. */
export type NoticeFileErrorCode = 'empty' | 'binary' | 'unsupported' | 'corrupt' | 'encoding';

/**
 * A notice file that cannot be turned into text. `message` is one English line that says what is
 * wrong and, where there is one, what to do (`legacy .doc is not supported; save as .docx`);
 * `messageZh` says the same in Chinese for coordinators.
 */
export class NoticeFileError extends Error {
  override readonly name = 'NoticeFileError';
  readonly code: NoticeFileErrorCode;
  readonly messageZh: string;

  constructor(code: NoticeFileErrorCode, message: string, messageZh: string, options?: { cause?: unknown }) {
    // One line, whatever the detail carries (an XML error may quote a line break of the file).
    super(oneLine(message), options);
    this.code = code;
    this.messageZh = oneLine(messageZh);
  }
}

function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}
