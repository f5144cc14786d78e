/** The secret URL of a unit's calendar feed: shown to the unit's users and coordinators; rotated by a coordinator. */
import { type Actor, appendAudit } from '../../audit/audit.ts';
import type { SessionUser } from '../../auth/sessions.ts';
import { inTransaction, type Store } from '../../db/store.ts';
import { forbidden, notFound } from '../../errors.ts';
import { newSecret } from '../../ids.ts';
import { baseUrl } from './org-calendar.ts';

export type CalendarLink = { orgId: string; orgName: string; url: string; webcalUrl: string };

function link(org: { id: string; name: string; icalToken: string }, publicUrl: string): CalendarLink {
  const url = `${baseUrl(publicUrl)}/api/calendar/${encodeURIComponent(org.id)}/${org.icalToken}.ics`;
  return { orgId: org.id, orgName: org.name, url, webcalUrl: url.replace(/^https?:/, 'webcal:') };
}

export async function getCalendarLink(
  store: Store,
  user: SessionUser,
  orgId: string,
  publicUrl: string,
): Promise<CalendarLink> {
  const org = await store.db
    .selectFrom('orgs')
    .select(['id', 'name', 'icalToken'])
    .where('id', '=', orgId)
    .executeTakeFirst();
  if (!org) throw notFound('该单位');
  if (user.role !== 'coordinator' && user.orgId !== org.id) throw forbidden('只能查看本单位的日历订阅地址');
  return link(org, publicUrl);
}

export async function rotateCalendarLink(
  store: Store,
  actor: Actor,
  orgId: string,
  publicUrl: string,
  now: Date,
): Promise<CalendarLink> {
  return inTransaction(store, async (tx) => {
    const org = await tx.db
      .selectFrom('orgs')
      .select(['id', 'name', 'rowVersion'])
      .where('id', '=', orgId)
      .executeTakeFirst();
    if (!org) throw notFound('该单位');
    const icalToken = newSecret(24);
    await tx.db
      .updateTable('orgs')
      .set({ icalToken, updatedAt: now.toISOString(), rowVersion: org.rowVersion + 1 })
      .where('id', '=', org.id)
      .execute();
    // The token is a secret: the audit records that it changed, not its value.
    await appendAudit(
      tx,
      actor,
      {
        action: 'org.calendar-rotate',
        entity: 'org',
        entityId: org.id,
        orgId: org.id,
        after: { icalToken: 'rotated' },
      },
      now,
    );
    return link({ ...org, icalToken }, publicUrl);
  });
}
