/**
 * Deliverables of a plan for some years, from core `generateDeliverables` on the official calendar
 * and the coordinator's settings; and the rows they become.
 */
import {
  type DeliverableSpec,
  type DeliverableWarning,
  defaultCalendar,
  generateDeliverables,
  type Task,
} from '@luoshi/core';
import type { Insertable } from 'kysely';
import type { DeliverableTable } from '../../db/schema.ts';
import type { Store } from '../../db/store.ts';
import { newId } from '../../ids.ts';
import { getSettings } from '../settings/get-settings.ts';

export type Generated = { specs: DeliverableSpec[]; warnings: DeliverableWarning[]; missingYears: number[] };

export async function generateForYears(
  store: Store,
  tasks: readonly Task[],
  years: readonly number[],
  issuedAt: string | null,
): Promise<Generated> {
  const settings = await getSettings(store);
  const calendar = defaultCalendar();
  const specs: DeliverableSpec[] = [];
  const warnings: DeliverableWarning[] = [];
  for (const year of [...new Set(years)].sort()) {
    const got = generateDeliverables({ tasks, year, settings, calendar, issuedAt });
    specs.push(...got.deliverables);
    warnings.push(...got.warnings);
  }
  const missingYears = [...new Set(years)].filter((y) => !calendar.hasYear(y)).sort();
  return { specs, warnings, missingYears };
}

/** The year a deliverable's period belongs to: '2025', '2025-H1', '2025-once-1', '2025.2' → 2025. */
export function periodYear(period: string): number {
  return Number(period.slice(0, 4));
}

export type NewDeliverable = Insertable<DeliverableTable>;

/** The row of a new deliverable; `leadDeliverableId` is set by the caller once every key has an id. */
export function deliverableRow(
  spec: DeliverableSpec,
  planId: string,
  taskId: string,
  iso: string,
  id: string = newId(),
): NewDeliverable {
  return {
    id,
    planId,
    taskId,
    taskNo: spec.task,
    orgId: spec.orgId,
    role: spec.role,
    key: spec.key,
    period: spec.period,
    periodStart: spec.periodStart,
    dueDate: spec.dueDate,
    originalDueDate: spec.dueDate,
    title: spec.title,
    source: spec.source,
    leadDeliverableId: null,
    status: 'pending',
    submittedAt: null,
    acceptedAt: null,
    calendarMissing: spec.calendarMissing ? 1 : 0,
    createdAt: iso,
    updatedAt: iso,
    rowVersion: 1,
  };
}

/** Rows in batches that stay under both databases' limits on bound parameters per statement. */
export function chunked<T>(rows: readonly T[], size = 400): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}
