/** GET /api/reports/{id}: one report with its evidence, its deliverable and the task's indicators. */
import type { SessionUser } from '../../auth/sessions.ts';
import type { Store } from '../../db/store.ts';
import { evidenceByReport, presentReport, type ReportView } from './present.ts';
import { reportToRead } from './report-access.ts';

export type TaskIndicator = {
  subject: string;
  comparator: string;
  value: number;
  unit: string | null;
  year: number | null;
  raw: string;
};

export type ReportDetail = {
  report: ReportView;
  deliverable: {
    id: string;
    title: string;
    taskNo: number;
    orgId: string;
    orgName: string;
    dueDate: string;
    status: string;
    rowVersion: number;
  };
  indicators: TaskIndicator[];
};

export async function getReport(store: Store, user: SessionUser, id: string): Promise<ReportDetail> {
  const { report, deliverable: d } = await reportToRead(store, user, id);
  const [evidence, task, org] = await Promise.all([
    evidenceByReport(store, [id]),
    store.db.selectFrom('tasks').select('indicatorsJson').where('id', '=', d.taskId).executeTakeFirst(),
    store.db.selectFrom('orgs').select('name').where('id', '=', d.orgId).executeTakeFirst(),
  ]);
  const indicators = (JSON.parse(task?.indicatorsJson ?? '[]') as TaskIndicator[]).map((i) => ({
    subject: i.subject,
    comparator: i.comparator,
    value: i.value,
    unit: i.unit ?? null,
    year: i.year ?? null,
    raw: i.raw,
  }));
  return {
    report: presentReport(report, evidence.get(id) ?? []),
    deliverable: {
      id: d.id,
      title: d.title,
      taskNo: d.taskNo,
      orgId: d.orgId,
      orgName: org?.name ?? '',
      dueDate: d.dueDate,
      status: d.status,
      rowVersion: d.rowVersion,
    },
    indicators,
  };
}
