/**
 * What the screenshot tour checks on every page: that nothing is wider than the screen, and that the
 * visible text is Chinese — no English word, raw id, machine timestamp or leaked `undefined`.
 */

/** One thing wrong on a page: `key` names it (for the PENDING list), `detail` shows where. */
export type Finding = { key: string; detail: string };

/**
 * Latin words a Chinese office writes as such. Kept short on purpose: each is a name users know
 * from their own desks, not a word the app could have said in Chinese.
 */
const ALLOWED_WORDS = new Set([
  // File formats the office exchanges, as the import and evidence pages name them (also as `.pdf`).
  ...['Excel', 'Word', 'PowerPoint', 'PDF', 'OFD', 'CSV'],
  ...['docx', 'xlsx', 'doc', 'xls', 'pdf', 'ofd', 'txt', 'csv'],
  // Products on the user's own devices, named as the devices name them: the calendar page says which
  // calendar apps take its link (an iCal subscription), 账号安全 which browser and system a session
  // came from.
  ...['WPS', 'Outlook', 'Chrome', 'Edge', 'Firefox', 'Safari', 'Windows', 'Linux', 'macOS', 'Android'],
  ...['iOS', 'iPhone', 'iPad', 'iCal'],
  // The notices themselves write 移动APP; a task's text is quoted as the notice has it.
  'APP',
]);

/** A file's own name (as the user named it when handing it in), e.g. `鹰潭市2024年清单.docx`. */
const FILE_NAME =
  /[^\s、，。；：:（）()「」“”"']+\.(?:docx|xlsx|doc|xls|pdf|ofd|txt|csv|wps|et|jpg|jpeg|png)(?![A-Za-z0-9])/gi;

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const ISO_TIME = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}[^\s]*/g;
/** lowercase-with-hyphens (or underscores) such as `admin-approval` or `lx-finance`. */
const SLUG = /(?<![A-Za-z0-9])[a-z0-9]*[a-z][a-z0-9]*(?:[-_][a-z0-9]+)+(?![A-Za-z0-9])/g;
const LEAKS = /undefined|null|NaN|\[object Object\]/g;
const WORD = /[A-Za-z]{3,}/g;

/** A few characters either side of a match, so a failure shows where the text is. */
function around(text: string, index: number, length: number): string {
  const from = Math.max(0, index - 12);
  return text
    .slice(from, index + length + 12)
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Every raw id, machine timestamp, leaked value and non-allowed English word in a page's text.
 * `usernames` are the accounts' sign-in names: Latin by design (typed at sign-in), so the users page
 * and the audit trail rightly show them.
 */
export function textFindings(text: string, usernames: ReadonlySet<string>): Finding[] {
  const found: Finding[] = [];
  let rest = text;
  const take = (kind: string, pattern: RegExp, allowed: (s: string) => boolean = () => false) => {
    for (const m of rest.matchAll(pattern)) {
      if (allowed(m[0])) continue;
      found.push({ key: `${kind}:${m[0]}`, detail: `«${around(rest, m.index, m[0].length)}»` });
    }
    // What one pattern matched (allowed or not) is not looked at again by the next: a file's name
    // is not words, a UUID is not a slug.
    rest = rest.replace(pattern, (s) => ' '.repeat(s.length));
  };
  take('uuid', UUID);
  take('timestamp', ISO_TIME);
  take('file', FILE_NAME, () => true);
  take('leak', LEAKS);
  take('id', SLUG, (s) => usernames.has(s));
  take('word', WORD, (w) => ALLOWED_WORDS.has(w) || usernames.has(w));
  return dedupe(found);
}

function dedupe(found: Finding[]): Finding[] {
  const seen = new Map<string, Finding>();
  for (const f of found) if (!seen.has(f.key)) seen.set(f.key, f);
  return [...seen.values()];
}

export type Layout = { scrollWidth: number; innerWidth: number; beyond: string[] };

/**
 * Evaluated in the page: the document's width against the screen's, and the outermost elements that
 * reach past the screen's edges without a scrolling (or clipping) container that fits on the screen
 * — a wide table inside its own scroller is fine, a page that scrolls sideways is not. The screen's
 * width is given, not read: a phone's browser widens its layout (and innerWidth) to a page too wide.
 */
export const layoutProbe = (screenWidth: number) => `(() => {
  const w = ${screenWidth};
  const fits = (r) => r.left >= -1 && r.right <= w + 1;
  const contained = (el) => {
    for (let a = el.parentElement; a && a !== document.documentElement; a = a.parentElement) {
      if (getComputedStyle(a).overflowX !== 'visible' && fits(a.getBoundingClientRect())) return true;
    }
    return false;
  };
  const name = (el) =>
    el.tagName.toLowerCase() + [...el.classList].slice(0, 2).map((c) => '.' + c).join('');
  const beyond = [];
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || fits(r)) continue;
    if (getComputedStyle(el).visibility === 'hidden' || contained(el)) continue;
    if (beyond.some((b) => b.el.contains(el))) continue;
    beyond.push({ el, text: name(el) + ' ' + Math.round(r.left) + '..' + Math.round(r.right) });
    if (beyond.length >= 5) break;
  }
  return {
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
    beyond: beyond.map((b) => b.text),
  };
})()`;

export function layoutFindings(l: Layout, screenWidth: number): Finding[] {
  const widest = Math.max(l.scrollWidth, l.innerWidth);
  if (widest <= screenWidth && l.beyond.length === 0) return [];
  return [
    {
      key: 'overflow',
      detail: `page ${widest}px wide on a ${screenWidth}px screen; past the edge: ${l.beyond.join(', ') || '(no single element)'}`,
    },
  ];
}
