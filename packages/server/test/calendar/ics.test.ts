/** The iCalendar writer: escaping, folding at 75 octets, CRLF. */
import { describe, expect, it } from 'vitest';
import { escapeText, foldLine, renderCalendar, utcStamp } from '../../src/modules/calendar/ics.ts';

const unfold = (text: string) => text.replace(/\r\n[ \t]/g, '');

describe('iCalendar text', () => {
  it('escapes backslashes, semicolons, commas and newlines', () => {
    expect(escapeText('a\\b;c,d\ne\r\nf')).toBe('a\\\\b\\;c\\,d\\ne\\nf');
  });

  it('folds long lines at 75 octets without splitting a character', () => {
    const line = `SUMMARY:${'鹰潭市司法局报送'.repeat(20)}abc`;
    const folded = foldLine(line);
    const parts = folded.split('\r\n');
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect(Buffer.byteLength(p, 'utf8')).toBeLessThanOrEqual(75);
    expect(parts.slice(1).every((p) => p.startsWith(' '))).toBe(true);
    expect(unfold(folded)).toBe(line);
    expect(foldLine('SHORT:x')).toBe('SHORT:x');
    const ascii = `DESCRIPTION:${'x'.repeat(63)}`;
    expect(foldLine(ascii)).toBe(ascii); // exactly 75 octets: not folded
    expect(foldLine(`${ascii}y`)).toBe(`${ascii}\r\n y`);
  });

  it('writes a calendar with CRLF line ends and all-day events', () => {
    const text = renderCalendar({
      name: '市财政局·报送时限',
      events: [
        {
          uid: 'deliverable-1@luoshi',
          date: '2025-12-31',
          summary: '任务1：报告, 公开; 完成',
          description: '第一行\n第二行',
          url: 'http://localhost:3000/deliverables/1',
          stamp: new Date('2025-03-10T02:00:00.000Z'),
        },
      ],
    });
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const lines = unfold(text).split('\r\n');
    expect(lines).toContain('DTSTART;VALUE=DATE:20251231');
    expect(lines).toContain('DTEND;VALUE=DATE:20260101');
    expect(lines).toContain('SUMMARY:任务1：报告\\, 公开\\; 完成');
    expect(lines).toContain('DESCRIPTION:第一行\\n第二行');
    expect(lines).toContain(`DTSTAMP:${utcStamp(new Date('2025-03-10T02:00:00.000Z'))}`);
    expect(utcStamp(new Date('2025-03-10T02:00:00.000Z'))).toBe('20250310T020000Z');
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(1);
  });
});
