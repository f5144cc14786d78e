/**
 * A province-sized data set written straight into the database with batched inserts: cities × units
 * × 51 tasks, quarterly deliverables over three years, reports, escalations and a valid audit chain.
 */
import type { Kysely } from 'kysely';
import { auditHash, GENESIS } from '../src/audit/audit.ts';
import { inTransaction, type Store } from '../src/db/store.ts';
import { newId, newSecret } from '../src/ids.ts';

export type Scale = { cities: number; unitsPerCity: number; tasks: number; years: readonly number[] };

export const SCALES: Record<'small' | 'full', Scale> = {
  full: { cities: 12, unitsPerCity: 60, tasks: 51, years: [2023, 2024, 2025] },
  small: { cities: 12, unitsPerCity: 6, tasks: 51, years: [2023, 2024, 2025] },
};

const CITIES = [
  '南昌',
  '景德镇',
  '萍乡',
  '九江',
  '新余',
  '鹰潭',
  '赣州',
  '吉安',
  '宜春',
  '抚州',
  '上饶',
  '赣江新区',
];

const SECTIONS = ['一', '二', '三', '四', '五', '六', '七'];

export type Generated = {
  orgIds: string[];
  /** One reporter username per unit (password BENCH_PASSWORD) and the unit. */
  reporters: { username: string; orgId: string }[];
  /** Deliverables open for a report (pending: due later, or overdue with nothing handed in). */
  openDeliverables: { id: string; orgId: string }[];
  counts: Record<string, number>;
};

/** A small seeded generator (mulberry32): the same seed gives the same numbers in [0, 1). */
export function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

type Row = Record<string, unknown>;

/** Buffers rows per table and writes them in multi-row INSERTs. */
class Writer {
  private readonly buffers = new Map<string, Row[]>();
  readonly counts: Record<string, number> = {};
  constructor(
    private store: Store,
    private readonly batch: number,
  ) {}
  /** Write through this store (a transaction) from now on. */
  use(store: Store): void {
    this.store = store;
  }
  async add(table: string, row: Row): Promise<void> {
    let b = this.buffers.get(table);
    if (!b) {
      b = [];
      this.buffers.set(table, b);
    }
    b.push(row);
    // Flush everything, parents first, so a child never reaches the database before its parent.
    if (b.length >= this.batch) await this.flush();
  }
  async flushTable(table: string): Promise<void> {
    const rows = this.buffers.get(table);
    if (!rows || rows.length === 0) return;
    this.buffers.set(table, []);
    const db = this.store.db as unknown as Kysely<Record<string, Row>>;
    await db.insertInto(table).values(rows).execute();
    this.counts[table] = (this.counts[table] ?? 0) + rows.length;
  }
  /** Parents first, so foreign keys hold. */
  async flush(): Promise<void> {
    for (const t of [
      'orgs',
      'users',
      'notices',
      'plans',
      'tasks',
      'assignments',
      'deliverables',
      'reports',
      'escalations',
      'auditLog',
    ])
      await this.flushTable(t);
  }
}

/** The audit chain, appended in order as the generator "performs" each change. */
class Chain {
  private seq = 0;
  private prev = GENESIS;
  constructor(private readonly w: Writer) {}
  async append(
    at: string,
    actor: { id: string | null; name: string; orgId: string | null },
    e: Row,
  ): Promise<void> {
    const row = {
      seq: ++this.seq,
      at,
      actorId: actor.id,
      actorName: actor.name,
      orgId: actor.orgId,
      action: String(e.action),
      entity: String(e.entity),
      entityId: String(e.entityId),
      beforeJson: e.before === undefined ? null : JSON.stringify(e.before),
      afterJson: e.after === undefined ? null : JSON.stringify(e.after),
      prevHash: this.prev,
    };
    const hash = auditHash(row);
    this.prev = hash;
    await this.w.add('auditLog', { ...row, hash });
  }
  get length(): number {
    return this.seq;
  }
}

const QUARTER_DUE = ['04-10', '07-10', '10-10', '01-10'];

export async function generate(
  store: Store,
  scale: Scale,
  opts: { today: string; passwordHash: string; log: (line: string) => void },
): Promise<Generated> {
  const random = rng(20_250_101);
  const w = new Writer(store, 1_000);
  const chain = new Chain(w);
  const system = { id: null, name: '系统', orgId: null };
  const created = '2023-01-05T01:00:00.000Z';
  const out: Generated = { orgIds: [], reporters: [], openDeliverables: [], counts: w.counts };

  const org = (id: string, name: string, kind: string, parentId: string | null) =>
    w.add('orgs', {
      id,
      name,
      kind,
      parentId,
      aliases: '[]',
      tags: '[]',
      code: null,
      note: '',
      icalToken: newSecret(16),
      createdAt: created,
      updatedAt: created,
      rowVersion: 1,
    });
  await org('province-justice', '省司法厅', 'department', null);

  for (let c = 0; c < scale.cities; c++) {
    const city = CITIES[c % CITIES.length]!;
    const started = performance.now();
    await inTransaction(store, async (tx) => {
      // One transaction per city: this city's rows go through it.
      w.use(tx);
      const cityId = `city-${c}`;
      await org(cityId, `${city}市人民政府`, 'government', null);
      const units: string[] = [];
      for (let u = 0; u < scale.unitsPerCity; u++) {
        const id = `c${c}-u${u}`;
        units.push(id);
        out.orgIds.push(id);
        await org(id, `${city}市第${u + 1}单位`, 'department', cityId);
        const userId = newId();
        const username = `r${c}u${u}`;
        out.reporters.push({ username, orgId: id });
        await w.add('users', {
          id: userId,
          username,
          displayName: username,
          passwordHash: opts.passwordHash,
          role: 'reporter',
          orgId: id,
          email: null,
          failedLogins: 0,
          lockedUntil: null,
          active: 1,
          createdAt: created,
          updatedAt: created,
          rowVersion: 1,
        });
      }
      await w.flush();
      const reporterOf = new Map(
        units.map((id, u) => [id, { id: `r${c}u${u}`, name: `r${c}u${u}`, orgId: id }]),
      );
      const userRows = await tx.db
        .selectFrom('users')
        .select(['id', 'orgId'])
        .where('username', 'like', `r${c}u%`)
        .execute();
      for (const r of userRows) {
        const rep = reporterOf.get(r.orgId ?? '');
        if (rep) rep.id = r.id;
      }

      const noticeId = newId();
      const planId = newId();
      await w.add('notices', {
        id: noticeId,
        sourceSha256: newId(),
        title: `${city}市法治政府建设任务清单`,
        docNumber: `${city}府字〔2023〕${c + 1}号`,
        issuer: `${city}市人民政府`,
        issuedAt: '2023-01-03',
        fileName: null,
        format: 'txt',
        sourceText: '（基准测试生成）',
        createdAt: created,
        createdBy: null,
      });
      await w.add('plans', {
        id: planId,
        noticeId,
        version: 1,
        status: 'published',
        planJson: '{}',
        changesJson: null,
        previousPlanId: null,
        year: scale.years[0],
        createdAt: created,
        createdBy: null,
        publishedAt: created,
        publishedBy: null,
        rowVersion: 1,
      });
      const taskIds: string[] = [];
      for (let k = 1; k <= scale.tasks; k++) {
        const id = newId();
        taskIds.push(id);
        const sectionNo = SECTIONS[Math.min(SECTIONS.length - 1, Math.floor((k - 1) / 8))]!;
        const indicators =
          k % 5 === 0
            ? [
                {
                  raw: '达到90%以上',
                  span: { start: 0, end: 7 },
                  comparator: '>=',
                  value: 90,
                  unit: '%',
                  year: null,
                  subject: '完成率',
                  confidence: 'high',
                },
              ]
            : [];
        await w.add('tasks', {
          id,
          planId,
          no: k,
          label: String(k),
          text: `第${k}项任务（基准测试）。`,
          section: `${sectionNo}、第${sectionNo}部分`,
          subsection: null,
          sectionNo,
          subsectionNo: null,
          obligationsJson: '[]',
          indicatorsJson: JSON.stringify(indicators),
          closedAt: null,
        });
      }
      await w.flush();
      await chain.append(created, system, { action: 'plan.publish', entity: 'plan', entityId: planId });

      for (const unit of units) {
        const reporter = reporterOf.get(unit)!;
        for (let k = 1; k <= scale.tasks; k++) {
          const taskId = taskIds[k - 1]!;
          await w.add('assignments', {
            id: newId(),
            planId,
            taskId,
            orgId: unit,
            role: 'each',
            acknowledgedAt: created,
            acknowledgedBy: reporter.id,
          });
          for (const year of scale.years) {
            for (let q = 0; q < 4; q++) {
              const dueDate = q === 3 ? `${year + 1}-${QUARTER_DUE[q]}` : `${year}-${QUARTER_DUE[q]}`;
              const periodStart = `${year}-${String(q * 3 + 1).padStart(2, '0')}-01`;
              const id = newId();
              const r = random();
              const past = dueDate <= opts.today;
              const status = !past
                ? 'pending'
                : r < 0.85
                  ? 'accepted'
                  : r < 0.9
                    ? 'submitted'
                    : r < 0.94
                      ? 'returned'
                      : 'pending';
              const hasReport = status !== 'pending';
              // 90% hand in on time: between ten days before and the due date; the rest up to ten days late.
              const offsetDays = random() < 0.9 ? -Math.floor(random() * 10) : 1 + Math.floor(random() * 10);
              const submittedAt = hasReport
                ? new Date(Date.parse(`${dueDate}T02:00:00.000Z`) + offsetDays * 86_400_000).toISOString()
                : null;
              const acceptedAt =
                status === 'accepted'
                  ? new Date(Date.parse(submittedAt!) + 3 * 86_400_000).toISOString()
                  : null;
              const period = `${year}-Q${q + 1}`;
              await w.add('deliverables', {
                id,
                planId,
                taskId,
                taskNo: k,
                orgId: unit,
                role: 'each',
                key: `${k}:${unit}:${period}`,
                period,
                periodStart,
                dueDate,
                originalDueDate: dueDate,
                title: `第${k}项任务 ${period} 进展报告`,
                source: 'cadence',
                leadDeliverableId: null,
                status,
                submittedAt: status === 'returned' ? submittedAt : status === 'pending' ? null : submittedAt,
                acceptedAt,
                calendarMissing: year < 2024 ? 1 : 0,
                createdAt: created,
                updatedAt: acceptedAt ?? submittedAt ?? created,
                rowVersion: 1,
              });
              await chain.append(created, system, {
                action: 'deliverable.create',
                entity: 'deliverable',
                entityId: id,
                after: { dueDate, orgId: unit },
              });
              // Open for a report: not yet due, or overdue with nothing handed in.
              if (status === 'pending') out.openDeliverables.push({ id, orgId: unit });
              if (past && status === 'pending') {
                await w.add('escalations', {
                  id: newId(),
                  deliverableId: id,
                  orgId: unit,
                  level: 'urge',
                  dueFrom: dueDate,
                  replyDue: null,
                  reply: null,
                  repliedAt: null,
                  repliedBy: null,
                  createdAt: `${dueDate}T01:00:00.000Z`,
                });
              }
              if (!hasReport) continue;
              const reportId = newId();
              const reportStatus =
                status === 'accepted' ? 'accepted' : status === 'returned' ? 'returned' : 'submitted';
              const figures =
                k % 5 === 0 ? [{ indicator: '完成率', value: 80 + Math.floor(random() * 21) }] : [];
              await w.add('reports', {
                id: reportId,
                deliverableId: id,
                orgId: unit,
                authorId: reporter.id,
                status: reportStatus,
                narrative: `${period}工作进展：已按要求推进。`,
                completion: status === 'accepted' ? 'done' : 'in-progress',
                figuresJson: JSON.stringify(figures),
                submittedAt,
                approvedBy: null,
                approvedAt: null,
                reviewedBy: status === 'accepted' || status === 'returned' ? 'bench' : null,
                reviewedAt: acceptedAt,
                returnReason: status === 'returned' ? '材料不全' : null,
                createdAt: submittedAt!,
                updatedAt: acceptedAt ?? submittedAt!,
                rowVersion: 1,
              });
              await chain.append(submittedAt!, reporter, {
                action: 'report.create',
                entity: 'report',
                entityId: reportId,
                after: { deliverableId: id, figures },
              });
              await chain.append(submittedAt!, reporter, {
                action: 'report.update',
                entity: 'report',
                entityId: reportId,
                before: { narrative: '' },
                after: { narrative: `${period}工作进展：已按要求推进。` },
              });
              await chain.append(submittedAt!, reporter, {
                action: 'report.submit',
                entity: 'report',
                entityId: reportId,
                before: { status: 'draft' },
                after: { status: 'submitted' },
              });
              if (status === 'accepted' || status === 'returned')
                await chain.append(acceptedAt ?? submittedAt!, system, {
                  action: status === 'accepted' ? 'report.accept' : 'report.return',
                  entity: 'report',
                  entityId: reportId,
                  before: { status: 'submitted' },
                  after: { status: reportStatus },
                });
            }
          }
        }
      }
      await w.flush();
    });
    opts.log(
      `  ${city}: ${scale.unitsPerCity} units, audit ${chain.length.toLocaleString()} rows so far (${((performance.now() - started) / 1000).toFixed(1)} s)`,
    );
  }
  w.use(store);
  return out;
}
