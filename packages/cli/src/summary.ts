/** The readable summary `luoshi parse` prints without --json. */
import type { Indicator, Obligation, Plan, Task, UnitRef } from '@luoshi/core';

const ROLE = { lead: '牵头', co: '配合', each: '各自负责' } as const;
const KIND: Record<Obligation['kind'], string> = {
  annual: '每年',
  semiannual: '每半年',
  quarterly: '每季度',
  monthly: '每月',
  once: '一次性',
  relative: '相对时限',
  window: '时间窗口',
  frequency: '频次',
};
const UNIT: Record<string, string> = { day: '日', workday: '个工作日', month: '个月' };
const PER: Record<string, string> = {
  year: '年',
  halfyear: '半年',
  quarter: '季度',
  month: '月',
  week: '周',
  term: '任期',
};
const LAYOUT = { table: '表格', labels: '标签行', inline: '段末括号', mixed: '混合' } as const;
const SEVERITY = { error: '错误', warning: '警告', info: '提示' } as const;

function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, '');
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

function unitText(u: UnitRef): string {
  const count = u.resolution === 'group' ? `(${u.orgs.length}个单位)` : '';
  const flag =
    u.resolution === 'unresolved'
      ? '[未匹配]'
      : u.resolution === 'vague'
        ? '[泛指]'
        : u.inherited
          ? '[沿用上行]'
          : '';
  const qual = u.qualifiers.length > 0 ? `〈${u.qualifiers.join('、')}〉` : '';
  return `${u.raw}${count}${qual}${flag}`;
}

function md(month?: number, day?: number, end?: boolean): string {
  return end ? `${month}月底` : `${month}月${day}日`;
}

export function describeObligation(o: Obligation): string {
  let what = '';
  switch (o.kind) {
    case 'annual':
      what = `每年${md(o.month, o.day, o.endOfMonth)}${o.approx === 'early' ? '（上旬）' : ''}前`;
      break;
    case 'semiannual':
    case 'quarterly':
      what = (o.dates ?? []).map((d) => md(d.month, d.day, d.endOfMonth)).join('、') || KIND[o.kind];
      break;
    case 'monthly':
      what = o.day ? `每月${o.day}日前` : '每月';
      break;
    case 'once':
      what = `${o.date ?? '?'}前${o.yearInferred ? '（年份推定）' : ''}`;
      break;
    case 'relative':
      what = `${o.direction === 'before' ? '事前' : '事后'}${o.amount}${UNIT[o.unit ?? 'day']}内`;
      break;
    case 'window':
      what = `每${PER[o.per ?? 'month']}${o.fromDay}-${o.toDay}日`;
      break;
    case 'frequency':
      what = `每${PER[o.per ?? 'year']}${o.atLeast ? '至少' : ''}${o.count}次${o.activity ? ` ${o.activity}` : ''}`;
      break;
  }
  return `${KIND[o.kind]}：${what}「${o.raw}」${o.confidence === 'low' ? '（置信度低）' : ''}`;
}

export function describeIndicator(i: Indicator): string {
  const year = i.year ? `${i.year}年 ` : '';
  return `${year}${i.subject || '指标'} ${i.comparator} ${i.value}${i.unit ?? ''}${i.approx ? '（约）' : ''}「${i.raw}」`;
}

function taskLines(t: Task): string[] {
  const out = [`    ${t.no}. ${clip(t.text, 60)}${t.incomplete ? '  [不完整]' : ''}`];
  const lead = t.units.filter((u) => u.role === 'lead');
  out.push(`       牵头：${lead.length > 0 ? lead.map(unitText).join('、') : '—'}`);
  for (const role of ['co', 'each'] as const) {
    const us = t.units.filter((u) => u.role === role);
    if (us.length > 0) out.push(`       ${ROLE[role]}：${us.map(unitText).join('、')}`);
  }
  if (t.leaders.length > 0) out.push(`       责任领导：${t.leaders.join('、')}`);
  for (const o of t.obligations) out.push(`       时限 ${describeObligation(o)}`);
  for (const i of t.indicators) out.push(`       指标 ${describeIndicator(i)}`);
  for (const n of t.notes) out.push(`       备注：${n}`);
  return out;
}

export function formatSummary(plan: Plan): string {
  const n = plan.notice;
  const out: string[] = [];
  out.push(`通知：${n.title ?? '（未找到标题）'}`);
  out.push(`文号：${n.docNumber ?? '—'}    发文机关：${n.issuer ?? '—'}    成文日期：${n.issuedAt ?? '—'}`);
  if (n.addressees.length > 0) out.push(`主送：${n.addressees.join('，')}`);
  if (n.implements) out.push(`贯彻落实：${n.implements}`);
  if (n.listTitle) out.push(`清单：${n.listTitle}`);
  const subsections = plan.sections.reduce((s, x) => s + x.subsections.length, 0);
  const obligations = plan.tasks.reduce((s, t) => s + t.obligations.length, 0);
  const indicators = plan.tasks.reduce((s, t) => s + t.indicators.length, 0);
  out.push(
    `版式：${LAYOUT[plan.layout]}  部分 ${plan.sections.length}  小节 ${subsections}  任务 ${plan.tasks.length}  ` +
      `时限 ${obligations}  指标 ${indicators}  未匹配单位 ${plan.unresolved.length}  诊断 ${plan.diagnostics.length}`,
  );
  let section: string | null | undefined;
  let subsection: string | null | undefined;
  for (const t of plan.tasks) {
    if (t.section !== section) {
      section = t.section;
      subsection = undefined;
      if (section !== null) out.push('', `${t.sectionNo}、${section}`);
    }
    if (t.subsection !== subsection) {
      subsection = t.subsection;
      if (subsection !== null) out.push(`  (${t.subsectionNo})${subsection}`);
    }
    out.push(...taskLines(t));
  }
  if (plan.unresolved.length > 0) out.push('', `未匹配的单位：${plan.unresolved.join('、')}`);
  out.push('', plan.diagnostics.length > 0 ? '诊断：' : '诊断：无');
  for (const d of plan.diagnostics)
    out.push(`  第${d.line}行第${d.column}列 ${SEVERITY[d.severity]} ${d.message}`);
  return `${out.join('\n')}\n`;
}
