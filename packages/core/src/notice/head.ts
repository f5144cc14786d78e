/** The notice head: title, 文号, issuer, date, addressees, the document it implements, the list title. */
import { parseChineseNumber } from '../text/chinese-number.ts';
import type { NoticeHead, Span } from '../types.ts';
import { splitTopLevel } from './brackets.ts';
import { compact, isPageNumber, type Line } from './lines.ts';

export type HeadProblem = { code: string; message: string; span: Span; severity: 'warning' | 'info' };

const NAV_RE = /^ {0,8}[•·●▪■◆] {0,4}/;
const TITLE_RE =
  /关于.{2,200}的(?:[\u4e00-\u9fff]{0,4}(?:通知|意见|决定|通报|函|批复|规定|办法|方案|要点|清单|计划|安排))$/;
/** What a site or an attachment puts before a title: 【市政府重点工作及责任分解】, 附件1. */
const TITLE_PREFIX_RE = /^(?:【[^】]{1,40}】|\[[^\]]{1,40}\]|附件 ?\d{0,2} ?[:：]?)/;
/** A line that only says 附件 (附件1, 附件:). */
const ATTACHMENT_RE = /^附件 ?\d{0,2} ?:?$/;
/** How a list's title ends: 方案, 清单, 要点, 分工, 台账 …. */
const LIST_TITLE_END_RE = /(?:方案|清单|要点|计划|意见|通知|安排|办法|细则|分工|台账|任务表|分解表|一览表)$/;
/** A document's own title without 关于: it ends with the kind of document it is. */
/** A title with no 关于: it names a kind of document, a period or 试行 in brackets may follow (…实施方案(2019-2020年)). */
const PLAIN_TITLE_RE =
  /^[^。:;,|]{4,58}(?:通报|通知|意见|方案|清单|要点|计划|安排|决定|办法)(?:\([^()]{2,14}\))?$/;
/** A reprint's lead before the document: …全文如下: / 原文如下: / 详情如下: */
const LEAD_IN_RE = /(?:全文|原文|详情|内容)如下[:：]?$/;
/** What a mirror site puts around a page: font size, view counts, source, print and close links. */
const MIRROR_RE =
  /字体[大小:]|浏览次数|阅读次数|信息来源|发布时间|打印本页|关闭窗口|分享到|您当前的位置|当前位置|【大 ?中 ?小】|用户登录|立即注册|还没有账号|发布日期|发文日期|组配分类|主题分类|索 ?引 ?号|^ *(?:名 ?称|文 ?号|发布机构|来 ?源) *:/;
/** A mirror site's metadata: 成文日期 / 发文日期 2023-01-03. */
const META_DATE_RE =
  /(?:成文日期|发文日期|印发日期|生成日期)[\s|:\]]{0,4}((?:19|20)\d{2})-(\d{1,2})-(\d{1,2})/;
/** A page's publication date, the last resort for the notice's date: 发布时间:2022-06-16 11:27. */
const PUBLISHED_RE = /(?:发布时间|发布日期|发表时间)\s*[|:]?\s*((?:19|20)\d{2})-(\d{1,2})-(\d{1,2})/;
const DOC_NO_RE = /([\u4e00-\u9fff]{1,12}) {0,2}[〔[(]((?:19|20)\d{2})[〕\])] {0,2}(\d{1,4}) {0,2}号/;
export const DATE_RE =
  /((?:19|20)\d{2}|[〇零一二三四五六七八九]{4}) {0,2}年 {0,2}(\d{1,2}|[一二三四五六七八九十]{1,3}) {0,2}月 {0,2}(\d{1,2}|[一二三四五六七八九十]{1,3}) {0,2}日/;
export const ORG_SUFFIX_RE = /(?:人民政府|政府|办公室|办公厅|委员会|局|厅|部|委|院|会|办|中心)$/;
const IMPLEMENTS_TITLE_RE = /(?:贯彻落实|贯彻|落实|实施)(《[^》]{2,150}》)/;
const IMPLEMENTS_BODY_RE = /(?:根据|按照|依据|贯彻落实|为落实|落实)[^《。;]{0,30}(《[^》]{2,150}》)/;
const PUBLIC_MARK_RE = /^\(此件.{0,12}\)$/;

export function toIsoDate(m: RegExpExecArray): string | null {
  const y = parseChineseNumber(m[1]!);
  const mo = parseChineseNumber(m[2]!);
  const d = parseChineseNumber(m[3]!);
  if (y === null || mo === null || d === null || mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCMonth() !== mo - 1) return null;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * The title line, or the two or three lines a title was broken into (a PDF or a narrow page
 * wraps it): the first of them says 关于, the last ends the title.
 */
/** A 关于… title whose 关于 is its own, not that of a document it quotes (贯彻落实《关于…的意见》的方案). */
function isTitle(compacted: string): boolean {
  if (!TITLE_RE.test(compacted)) return false;
  const at = compacted.indexOf('关于');
  return compacted.lastIndexOf('《', at) <= compacted.lastIndexOf('》', at);
}

function findTitle(headLines: Line[]): { text: string; folded: string; index: number } | null {
  const one = headLines.findIndex((l) => isTitle(compact(l.folded.trim())));
  if (one >= 0) return { text: headLines[one]!.text, folded: headLines[one]!.folded, index: one };
  for (const [i, line] of headLines.entries()) {
    if (!line.folded.includes('关于')) continue;
    let text = line.text.trim();
    let folded = line.folded.trim();
    for (const next of headLines.slice(i + 1, i + 3)) {
      text += next.text.trim();
      folded += next.folded.trim();
      if (isTitle(compact(folded))) return { text, folded, index: i };
    }
  }
  return null;
}

/** Read the head from the lines before the task list starts. */
export function parseHead(lines: Line[], bodyStart: number): { head: NoticeHead; problems: HeadProblem[] } {
  const head: NoticeHead = {
    title: null,
    docNumber: null,
    issuer: null,
    issuedAt: null,
    addressees: [],
    implements: null,
    listTitle: null,
  };
  const problems: HeadProblem[] = [];
  const headLines = lines
    .slice(0, bodyStart)
    .filter(
      (l) =>
        l.folded.trim() && !NAV_RE.test(l.folded) && !isPageNumber(l.folded) && !MIRROR_RE.test(l.folded),
    );

  const titleLine = findTitle(headLines);
  if (titleLine) {
    let title = compact(titleLine.text.trim());
    const dn = DOC_NO_RE.exec(compact(titleLine.folded.trim()));
    if (dn && dn.index === 0) title = title.slice(dn[0].length).trim();
    head.title = title.replace(TITLE_PREFIX_RE, '');
  } else {
    // No 关于… title: a first line that names a kind of document (…实施进度通报, …工作方案), or the
    // line after a reprint's lead (日前,潮州印发《…》。全文如下:).
    const from = headLines[0] && LEAD_IN_RE.test(headLines[0].folded.trimEnd()) ? 1 : 0;
    const first = headLines[from]?.folded.trim() ?? '';
    if (first.length >= 6 && first.length <= 70 && PLAIN_TITLE_RE.test(compact(first)))
      head.title = compact(headLines[from]!.text.trim());
  }

  let dateLineIndex = -1;
  let addresseeIndex = -1;
  // The 文号, also from a mirror site's metadata line ([ 发文字号 ]万盛经开办发〔2026〕1号).
  for (const line of lines.slice(0, bodyStart)) {
    const m = DOC_NO_RE.exec(line.folded);
    if (m && !line.folded.slice(0, m.index).includes('《')) {
      head.docNumber = compact(line.text.slice(m.index, m.index + m[0].length));
      break;
    }
  }
  for (const [i, line] of headLines.entries()) {
    const folded = line.folded.trim();
    const date = DATE_RE.exec(folded);
    if (date && date.index === 0 && date[0].length === folded.length) {
      if (dateLineIndex < 0) dateLineIndex = i;
      head.issuedAt = head.issuedAt ?? toIsoDate(date);
    }
    if (addresseeIndex < 0 && folded.endsWith(':') && !/^《|如下:$/.test(folded) && folded.length > 3) {
      addresseeIndex = i;
    }
  }
  if (!head.issuedAt)
    for (const line of lines.slice(0, bodyStart)) {
      const m = META_DATE_RE.exec(line.folded);
      if (m) {
        head.issuedAt = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
        break;
      }
    }
  if (!head.issuedAt)
    for (const line of lines) {
      const m = PUBLISHED_RE.exec(line.folded);
      if (m) {
        head.issuedAt = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
        break;
      }
    }
  if (!head.issuedAt) {
    for (const line of headLines) {
      const m = DATE_RE.exec(line.folded);
      if (m) {
        head.issuedAt = toIsoDate(m);
        if (head.issuedAt) break;
      }
    }
  }

  if (addresseeIndex >= 0) {
    const line = headLines[addresseeIndex]!;
    let from = 0;
    const folded = line.folded.trimEnd().replace(/:$/, '');
    const dn = DOC_NO_RE.exec(folded);
    if (dn && dn.index === 0) from = dn[0].length;
    const date = DATE_RE.exec(folded.slice(from));
    if (date && date.index === 0) from += date[0].length;
    const list = folded.slice(from);
    head.addressees = splitTopLevel(list, (t, i) => (t[i] === ',' || t[i] === '、' ? 1 : 0))
      .map((p) => line.text.slice(from + p.start, from + p.start + p.text.length).trim())
      .filter((a) => a.length > 0);
  }

  // Issuer: the signature above the date line, else the title's 「X关于」, else an 「X文件」 masthead.
  const signature = dateLineIndex > 0 ? headLines[dateLineIndex - 1]!.folded.trim() : '';
  if (signature && signature.length <= 30 && ORG_SUFFIX_RE.test(signature) && !/[:。,]/.test(signature)) {
    head.issuer = headLines[dateLineIndex - 1]!.text.trim();
  } else if (head.title) {
    const m = /^(.{2,30}?)关于/.exec(head.title);
    if (m && ORG_SUFFIX_RE.test(m[1]!)) head.issuer = m[1]!;
  }
  if (!head.issuer) {
    const masthead = headLines.find((l) => /^.{2,30}文件$/.test(l.folded.trim()));
    if (masthead) head.issuer = masthead.text.trim().slice(0, -2);
  }
  // The issuer on a line of its own right above a title that starts with 关于.
  if (!head.issuer && titleLine) {
    const at = titleLine.index;
    const above = at > 0 ? headLines[at - 1]!.folded.trim() : '';
    if (above.length <= 30 && ORG_SUFFIX_RE.test(above) && !/[:。,;|]/.test(above))
      head.issuer = headLines[at - 1]!.text.trim();
  }

  const titleImpl = head.title ? IMPLEMENTS_TITLE_RE.exec(head.title) : null;
  if (titleImpl) head.implements = titleImpl[1]!;
  else {
    for (const line of lines.slice(0, Math.min(lines.length, bodyStart + 1))) {
      const m = IMPLEMENTS_BODY_RE.exec(line.text);
      if (m) {
        head.implements = m[1]!;
        break;
      }
    }
  }

  // The list's own title: short lines after the date line (or the addressees) that precede the list.
  const after = Math.max(dateLineIndex, addresseeIndex);
  const titleParts: string[] = [];
  for (const line of headLines.slice(after + 1)) {
    const folded = line.folded.trim();
    if (PUBLIC_MARK_RE.test(folded)) continue;
    // 附件 / 附件1 alone: the list's title follows; after a title begun, the title is whole.
    if (ATTACHMENT_RE.test(folded)) {
      if (titleParts.length > 0) break;
      continue;
    }
    if (folded.length > 60 || /[。:]$/.test(folded)) {
      if (titleParts.length > 0) break;
      continue;
    }
    // A title wrapped over lines ends with the kind of document it is (…的任务分解方案), or a
    // bracket after it ((2023—2025年)).
    if (LIST_TITLE_END_RE.test(titleParts.at(-1) ?? '') && !folded.startsWith('(')) break;
    titleParts.push(compact(line.text.trim()));
  }
  if (after >= 0 && titleParts.length > 0) head.listTitle = titleParts.join('');
  // No date or addressees (a bare ledger): the short lines right above the list are its title.
  if (after < 0) {
    const above: string[] = [];
    for (const line of headLines.slice().reverse()) {
      const folded = line.folded.trim();
      if (folded.length > 60 || /[。:]$/.test(folded) || TITLE_RE.test(compact(folded))) break;
      if (ATTACHMENT_RE.test(folded)) break;
      // One title: the same or another whole title above it is the page's, not a second part.
      if (above.length > 0 && LIST_TITLE_END_RE.test(compact(folded))) break;
      above.push(compact(line.text.trim()));
    }
    if (above.length > 0) head.listTitle = above.reverse().join('');
  }

  const first = lines[0]!;
  const at = { start: first.start, end: first.end };
  if (!head.title)
    problems.push({ code: 'head-no-title', message: '未找到通知标题', span: at, severity: 'warning' });
  if (!head.issuedAt)
    problems.push({ code: 'head-no-date', message: '未找到成文日期', span: at, severity: 'warning' });
  if (!head.docNumber)
    problems.push({ code: 'head-no-doc-number', message: '未找到文号', span: at, severity: 'info' });
  return { head, problems };
}

/** Every regular expression of the head reader (the tests run each on worst-case input). */
export const HEAD_PATTERNS = {
  TITLE_RE,
  TITLE_PREFIX_RE,
  ATTACHMENT_RE,
  PLAIN_TITLE_RE,
  LEAD_IN_RE,
  LIST_TITLE_END_RE,
  MIRROR_RE,
  META_DATE_RE,
  PUBLISHED_RE,
  DOC_NO_RE,
  DATE_RE,
} as const;
