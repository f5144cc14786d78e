/**
 * 任务清单详情: the notice head and counts, how the notice was read (识别说明) and the problems
 * found, what changed since the previous version, and every task with its extracted values marked
 * in its own text. On a draft the coordinator corrects units, dates, targets and text in place
 * (and adds dates and targets the parser missed), then publishes. A large plan comes a page of
 * tasks at a time (the server pages it); the list of tasks to fix links to each on its page.
 */
import {
  Alert,
  App,
  Button,
  Card,
  Collapse,
  Pagination,
  Popconfirm,
  Skeleton,
  Space,
  Switch,
  Tooltip,
  Typography,
} from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError } from '../api/client.ts';
import {
  correctPlan,
  getPlan,
  listOrgs,
  type Org,
  type PlanDetail,
  type PlanEdit,
  type PlanPageQuery,
  type PublishResult,
  publishPlan,
  type Task,
} from '../api/plans.ts';
import { useMe } from '../app/session.tsx';
import { useApi } from '../app/use-api.ts';
import { ErrorAlert } from '../components/error-result.tsx';
import { MarkLegend } from '../components/plans/highlighted-text.tsx';
import { ObligationModal } from '../components/plans/obligation-editor.tsx';
import {
  ChangesView,
  DiagnosticsList,
  isExplanation,
  PlanCounts,
  PlanHead,
  ReadingNotes,
} from '../components/plans/plan-overview.tsx';
import { TaskCard, type TaskEdit } from '../components/plans/task-card.tsx';
import { IndicatorModal, TextModal, UnitsModal } from '../components/plans/task-editors.tsx';

const OP_LABELS: Record<string, string> = {
  'set-units': '责任单位',
  'set-obligations': '时限',
  'set-indicators': '指标',
  'set-text': '文字',
};

type Group = { key: string; section: string | null; subsection: string | null; tasks: Task[] };

function groupTasks(tasks: Task[]): Group[] {
  const groups: Group[] = [];
  for (const t of tasks) {
    const last = groups[groups.length - 1];
    if (last && last.section === t.section && last.subsection === t.subsection) last.tasks.push(t);
    else groups.push({ key: `${t.no}`, section: t.section, subsection: t.subsection, tasks: [t] });
  }
  return groups;
}

function sectionTitle(no: string | null, title: string | null, subsection = false): string {
  if (!title) return subsection ? '' : '（未分部分）';
  if (!no) return title;
  return subsection ? `（${no}）${title}` : `${no}、${title}`;
}

export function PlanPage() {
  const { id = '' } = useParams();
  const me = useMe();
  const { message } = App.useApp();
  // A large plan comes a page of tasks at a time; 只看待修正 pages through those to fix only.
  const [query, setQuery] = useState<PlanPageQuery>({ offset: 0, blocked: false });
  const { data: loaded, error, loading, reload } = useApi(() => getPlan(id, query), [id, query]);
  // The latest plan the server returned (after a correction), until the next load.
  const [saved, setSaved] = useState<PlanDetail | null>(null);
  const detail = saved && saved.rowVersion >= (loaded?.rowVersion ?? 0) ? saved : loaded;
  const [edit, setEdit] = useState<TaskEdit | null>(null);
  // A task to scroll to once its page has come (a link to a task on another page).
  const [scrollTo, setScrollTo] = useState<number | null>(null);
  const onlyProblems = query.blocked;
  const [published, setPublished] = useState<PublishResult | null>(null);
  const [publishError, setPublishError] = useState<ApiError | null>(null);
  const [publishing, setPublishing] = useState(false);
  const [orgs, setOrgs] = useState<Org[] | null>(null);
  const [orgsLoading, setOrgsLoading] = useState(false);

  const canEdit = me.permissions.importNotices && detail?.status === 'draft';
  const canPublish = me.permissions.publishPlans && detail?.status === 'draft';

  const problems = useMemo(
    () => new Map((detail?.blockers ?? []).map((b) => [b.task, b.problems])),
    [detail],
  );
  const corrections = useMemo(() => {
    const m = new Map<number, string[]>();
    for (const c of detail?.plan.corrections ?? []) {
      const label = OP_LABELS[c.op] ?? c.op;
      const list = m.get(c.task) ?? [];
      if (!list.includes(label)) list.push(label);
      m.set(c.task, list);
    }
    return m;
  }, [detail]);

  useEffect(() => {
    if (scrollTo === null || loading) return;
    document.getElementById(`task-${scrollTo}`)?.scrollIntoView();
    setScrollTo(null);
  }, [scrollTo, loading]);

  if (loading && !detail) return <Skeleton active />;
  if (error && !detail) return <ErrorAlert error={error} />;
  if (!detail) return null;

  const refresh = async () => {
    setSaved(null);
    await reload();
  };

  const showPage = (next: PlanPageQuery) => {
    setSaved(null);
    setQuery(next);
  };

  /** Opens the page that holds task `no` (a link in the list of tasks to fix) and scrolls to it. */
  const goToTask = (no: number) => {
    const index = onlyProblems ? detail.blockers.findIndex((b) => b.task === no) : no - 1;
    const offset = Math.floor(Math.max(index, 0) / detail.page.limit) * detail.page.limit;
    if (offset === detail.page.offset) return false;
    showPage({ ...query, offset });
    setScrollTo(no);
    return true;
  };

  const openEdit = (e: TaskEdit) => {
    setEdit(e);
    if (e.kind === 'units' && orgs === null && !orgsLoading) {
      setOrgsLoading(true);
      listOrgs()
        .then(setOrgs, () => setOrgs([]))
        .finally(() => setOrgsLoading(false));
    }
  };

  const save = async (edits: PlanEdit[]) => {
    const next = await correctPlan(detail.id, detail.rowVersion, edits, query);
    setSaved(next);
    message.success(`第${edits[0]?.task}项已保存`);
  };

  const publish = async () => {
    setPublishing(true);
    setPublishError(null);
    try {
      const result = await publishPlan(detail.id, detail.rowVersion);
      setPublished(result);
      message.success(`已发布，生成报送事项${result.deliverables}项`);
      await refresh();
    } catch (e) {
      setPublishError(e instanceof ApiError ? e : new ApiError(0, 'internal', String(e)));
    } finally {
      setPublishing(false);
    }
  };

  const plan = detail.plan;
  const editing = edit ? plan.tasks.find((t) => t.no === edit.task) : undefined;
  // The parser's explanations are shown as 识别说明, apart from the problems it found.
  const problemsFound = plan.diagnostics.filter((d) => !isExplanation(d));
  const tasks = plan.tasks;
  const pager = detail.page.total > detail.page.limit && (
    <Pagination
      align="center"
      style={{ margin: '12px 0' }}
      current={Math.floor(detail.page.offset / detail.page.limit) + 1}
      pageSize={detail.page.limit}
      total={detail.page.total}
      showSizeChanger={false}
      showTotal={(total, [from, to]) => `第${from}–${to}项，共${total}项`}
      onChange={(n) => showPage({ ...query, offset: (n - 1) * detail.page.limit })}
    />
  );
  const sectionNos = new Map(plan.sections.map((s) => [s.title, s.no]));
  const subsectionNos = new Map(plan.sections.flatMap((s) => s.subsections.map((x) => [x.title, x.no])));
  const blockerReason =
    detail.blockers.length > 0
      ? `还有${detail.blockers.length}项任务的责任单位或内容需要修正，处理后才能发布`
      : null;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <div>
        <Link to="/plans">← 任务清单</Link>
        <Typography.Title level={3} style={{ marginTop: 8 }}>
          {detail.notice.title ?? plan.notice.listTitle ?? '（未识别标题的通知）'}
        </Typography.Title>
        {plan.notice.implements && (
          <Typography.Text type="secondary">贯彻落实{plan.notice.implements}</Typography.Text>
        )}
      </div>

      <PlanHead plan={detail} />
      <PlanCounts plan={detail} />

      {published && (
        <Alert
          type="success"
          showIcon
          role="status"
          title={`已发布并交办：生成报送事项 ${published.deliverables} 项（各年度合计，看板只计当年到期的）`}
          description={
            <>
              任务{published.tasks}项，交办{published.assignments}个单位次
              {published.carried > 0 ? `，沿用上一版报送事项${published.carried}项` : ''}
              {published.removed > 0 ? `，删除上一版报送事项${published.removed}项` : ''}
              {published.calendarMissingYears.length > 0
                ? `。注意：${published.calendarMissingYears.join('、')}年没有官方节假日数据，按普通周末计算工作日`
                : ''}
              。<Link to={`/deliverables?planId=${published.planId}`}>查看报送事项</Link>
            </>
          }
        />
      )}

      {detail.status === 'draft' && canPublish && (
        <Card size="small">
          <Space wrap align="center">
            {blockerReason ? (
              <Tooltip title={blockerReason}>
                <Button type="primary" disabled>
                  发布并交办
                </Button>
              </Tooltip>
            ) : (
              <Popconfirm
                title="发布并交办"
                description={`发布后将把${detail.counts.tasks}项任务交办给责任单位并生成${detail.year}年度的报送事项，草稿不能再修改。确定发布？`}
                okText="发布"
                cancelText="取消"
                onConfirm={publish}
              >
                <Button type="primary" loading={publishing}>
                  发布并交办
                </Button>
              </Popconfirm>
            )}
            <Typography.Text type={blockerReason ? 'danger' : 'secondary'}>
              {blockerReason ?? '请核对各项任务的标注后发布；发布前可随时修正。'}
            </Typography.Text>
          </Space>
          {publishError && (
            <Alert
              style={{ marginTop: 12 }}
              type="error"
              showIcon
              role="alert"
              title="发布失败"
              description={publishError.message}
              action={
                publishError.code === 'stale' ? (
                  <Button size="small" onClick={refresh}>
                    刷新
                  </Button>
                ) : undefined
              }
            />
          )}
        </Card>
      )}
      {detail.status === 'superseded' && (
        <Alert type="info" showIcon title="该版本已被更新的版本取代，仅供查阅。" />
      )}

      {detail.blockers.length > 0 && (
        <Alert
          type="warning"
          showIcon
          title={`发布前需修正的任务（${detail.blockers.length}项）`}
          description={
            <ul style={{ margin: 0, paddingLeft: 20 }}>
              {detail.blockers.map((b) => (
                <li key={b.task}>
                  <a
                    href={`#task-${b.task}`}
                    onClick={(e) => {
                      if (goToTask(b.task)) e.preventDefault();
                    }}
                  >
                    第{b.task}项
                  </a>
                  ：{b.problems.join('；')}
                </li>
              ))}
            </ul>
          }
        />
      )}

      {detail.changes && (
        <Alert
          type="info"
          showIcon
          title={`第${detail.version}版与上一版相比：${detail.changes.summary}`}
          description={
            <Collapse
              ghost
              size="small"
              items={[
                { key: 'changes', label: '查看变化详情', children: <ChangesView changes={detail.changes} /> },
              ]}
            />
          }
        />
      )}

      <ReadingNotes diagnostics={plan.diagnostics} />

      <Card size="small" title={`解析诊断（${problemsFound.length}条）`}>
        <DiagnosticsList diagnostics={problemsFound} />
      </Card>

      <Card
        title={`任务（共${detail.counts.tasks}项）`}
        extra={
          <Space wrap>
            <MarkLegend />
            <Switch
              checked={onlyProblems}
              onChange={(blocked) => showPage({ offset: 0, blocked })}
              checkedChildren="只看待修正"
              unCheckedChildren="全部任务"
              aria-label="只看待修正的任务"
            />
          </Space>
        }
      >
        {pager}
        {tasks.length === 0 && <Typography.Text type="secondary">没有需要修正的任务。</Typography.Text>}
        {groupTasks(tasks).map((g, i, all) => (
          <section key={g.key} aria-label={g.subsection ?? g.section ?? '任务'}>
            {(i === 0 || all[i - 1]?.section !== g.section) && (
              <Typography.Title level={4} style={{ fontSize: 17 }}>
                {sectionTitle(sectionNos.get(g.section ?? '') ?? null, g.section)}
              </Typography.Title>
            )}
            {g.subsection && (
              <Typography.Title level={5} style={{ marginTop: 0 }}>
                {sectionTitle(subsectionNos.get(g.subsection) ?? null, g.subsection, true)}
              </Typography.Title>
            )}
            {g.tasks.map((t) => (
              <TaskCard
                key={t.no}
                plan={plan}
                task={t}
                problems={problems.get(t.no) ?? []}
                corrected={corrections.get(t.no) ?? []}
                canEdit={canEdit}
                onEdit={openEdit}
              />
            ))}
          </section>
        ))}
        {tasks.length > 10 && pager}
      </Card>

      {editing && edit?.kind === 'units' && (
        <UnitsModal
          task={editing}
          open
          orgs={orgs ?? []}
          orgsLoading={orgsLoading}
          onClose={() => setEdit(null)}
          onReload={refresh}
          onSave={(units) => save([{ task: editing.no, op: 'set-units', units }])}
        />
      )}
      {editing && edit?.kind === 'obligation' && (
        <ObligationModal
          task={editing}
          index={edit.index}
          seed={edit.seed}
          year={detail.year}
          open
          onClose={() => setEdit(null)}
          onReload={refresh}
          onSave={(obligations) => save([{ task: editing.no, op: 'set-obligations', obligations }])}
        />
      )}
      {editing && edit?.kind === 'indicator' && (
        <IndicatorModal
          task={editing}
          index={edit.index}
          seed={edit.seed}
          open
          onClose={() => setEdit(null)}
          onReload={refresh}
          onSave={(indicators) => save([{ task: editing.no, op: 'set-indicators', indicators }])}
        />
      )}
      {editing && edit?.kind === 'text' && (
        <TextModal
          task={editing}
          open
          onClose={() => setEdit(null)}
          onReload={refresh}
          onSave={(text) => save([{ task: editing.no, op: 'set-text', text }])}
        />
      )}
    </Space>
  );
}
