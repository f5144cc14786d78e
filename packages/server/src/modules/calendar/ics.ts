/**
 * iCalendar (RFC 5545) text, written by hand: CRLF line ends, content lines folded at 75 octets
 * (never inside a UTF-8 character), TEXT values escaped (\\ ; , and newlines), all-day events as
 * DTSTART;VALUE=DATE.
 */
import { addDays } from '@luoshi/core';

export type IcsEvent = {
  uid: string;
  /** All-day event on this day (YYYY-MM-DD). */
  date: string;
  summary: string;
  description: string;
  url: string | null;
  /** When the event's information last changed (DTSTAMP / LAST-MODIFIED). */
  stamp: Date;
  categories?: string[];
};

export type IcsCalendar = { name: string; description?: string; events: readonly IcsEvent[] };

const CRLF = '\r\n';
const MAX_OCTETS = 75;

/** A TEXT value: backslash, semicolon, comma and newlines escaped. */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

function octets(ch: string): number {
  return Buffer.byteLength(ch, 'utf8');
}

/** One content line folded into lines of at most 75 octets; continuation lines begin with a space. */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let size = 0;
  for (const ch of line) {
    const n = octets(ch);
    if (size + n > MAX_OCTETS) {
      out.push(current);
      current = ` ${ch}`;
      size = 1 + n;
    } else {
      current += ch;
      size += n;
    }
  }
  out.push(current);
  return out.join(`${CRLF}`);
}

function compactDate(date: string): string {
  return date.replace(/-/g, '');
}

/** 20250310T020000Z */
export function utcStamp(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

export function renderCalendar(cal: IcsCalendar): string {
  const lines: string[] = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Luoshi//落实 任务清单督办//ZH',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(cal.name)}`,
    'X-WR-TIMEZONE:Asia/Shanghai',
    'REFRESH-INTERVAL;VALUE=DURATION:PT6H',
    'X-PUBLISHED-TTL:PT6H',
  ];
  if (cal.description) lines.push(`X-WR-CALDESC:${escapeText(cal.description)}`);
  for (const e of cal.events) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${e.uid}`,
      `DTSTAMP:${utcStamp(e.stamp)}`,
      `LAST-MODIFIED:${utcStamp(e.stamp)}`,
      `DTSTART;VALUE=DATE:${compactDate(e.date)}`,
      `DTEND;VALUE=DATE:${compactDate(addDays(e.date, 1))}`,
      `SUMMARY:${escapeText(e.summary)}`,
      `DESCRIPTION:${escapeText(e.description)}`,
      'TRANSP:TRANSPARENT',
    );
    if (e.url) lines.push(`URL:${e.url}`);
    if (e.categories && e.categories.length > 0)
      lines.push(`CATEGORIES:${e.categories.map(escapeText).join(',')}`);
    lines.push('END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join(CRLF) + CRLF;
}
