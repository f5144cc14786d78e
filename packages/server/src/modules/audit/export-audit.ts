/**
 * The audit trail of a period, exported for the 安全审计 (等保 asks for audit records that can be
 * handed to the assessor; 网络安全法 第二十一条 for logs kept at least six months — Luoshi never
 * deletes audit records). CSV (UTF-8 with BOM, so Excel opens it in Chinese) or JSON Lines, streamed
 * in batches so a province's millions of records never sit in memory. The export itself is an
 * audited action, recorded before the first byte is sent.
 */
import { Readable } from 'node:stream';
import { addDays, formatCsvCell } from '@luoshi/core';
import { type Actor, appendAudit } from '../../audit/audit.ts';
import { inTransaction, type Store } from '../../db/store.ts';

export type AuditExportQuery = { from: string; to: string; format: 'csv' | 'jsonl' };

export type AuditExport = { fileName: string; contentType: string; count: number; body: Readable };

const BATCH = 2_000;

const COLUMNS = [
  ['seq', '序号'],
  ['at', '时间（UTC）'],
  ['actorId', '操作人编号'],
  ['actorName', '操作人'],
  ['orgId', '单位编号'],
  ['action', '操作'],
  ['entity', '对象类型'],
  ['entityId', '对象编号'],
  ['beforeJson', '变更前'],
  ['afterJson', '变更后'],
  ['prevHash', '前一条哈希'],
  ['hash', '哈希'],
] as const;

type Row = { [K in (typeof COLUMNS)[number][0]]: string | number | null };

/** A day's first instant in Beijing time (UTC+8, no daylight saving) as a UTC ISO string. */
function beijingStart(day: string): string {
  return new Date(`${day}T00:00:00+08:00`).toISOString();
}

/**
 * One CSV cell, quoted as core's CSV writer quotes; a cell a spreadsheet would take for a formula
 * (=, +, -, @, tab, carriage return first) is prefixed with ' and stays text.
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  const s = String(value);
  return formatCsvCell(/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);
}

export async function exportAudit(
  store: Store,
  actor: Actor,
  q: AuditExportQuery,
  now: Date,
): Promise<AuditExport> {
  const start = beijingStart(q.from);
  const end = beijingStart(addDays(q.to, 1));
  const counted = await inTransaction(store, async (tx) => {
    const row = await tx.db
      .selectFrom('auditLog')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('at', '>=', start)
      .where('at', '<', end)
      .executeTakeFirstOrThrow();
    const count = Number(row.n);
    await appendAudit(
      tx,
      actor,
      {
        action: 'audit.export',
        entity: 'audit',
        entityId: `${q.from}..${q.to}`,
        after: { from: q.from, to: q.to, format: q.format, count },
      },
      now,
    );
    return count;
  });

  async function* lines(): AsyncGenerator<string> {
    if (q.format === 'csv') yield `\uFEFF${COLUMNS.map(([, label]) => label).join(',')}\r\n`;
    let after = 0;
    for (;;) {
      const rows: Row[] = await store.db
        .selectFrom('auditLog')
        .select(COLUMNS.map(([key]) => key))
        .where('at', '>=', start)
        .where('at', '<', end)
        .where('seq', '>', after)
        .orderBy('seq')
        .limit(BATCH)
        .execute();
      if (rows.length === 0) return;
      let chunk = '';
      for (const r of rows)
        chunk +=
          q.format === 'csv'
            ? `${COLUMNS.map(([key]) => csvCell(r[key])).join(',')}\r\n`
            : `${JSON.stringify(r)}\n`;
      yield chunk;
      after = Number(rows[rows.length - 1]!.seq);
      if (rows.length < BATCH) return;
    }
  }

  return {
    fileName: `audit-${q.from}-${q.to}.${q.format}`,
    contentType: q.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8',
    count: counted,
    body: Readable.from(lines()),
  };
}
