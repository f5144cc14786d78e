/**
 * Migrations, written once with Kysely's schema builder so the same DDL runs on SQLite and
 * PostgreSQL. Append new migrations; never edit one that has shipped.
 */
import { type Kysely, type Migration, type MigrationProvider, Migrator, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was then, not today's types.
type AnyDb = Kysely<any>;

const initial: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable('orgs')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull().unique())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('parent_id', 'text')
      .addColumn('aliases', 'text', (c) => c.notNull())
      .addColumn('tags', 'text', (c) => c.notNull())
      .addColumn('code', 'text')
      .addColumn('note', 'text', (c) => c.notNull())
      .addColumn('ical_token', 'text', (c) => c.notNull().unique())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('row_version', 'integer', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('users')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('username', 'text', (c) => c.notNull().unique())
      .addColumn('display_name', 'text', (c) => c.notNull())
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('org_id', 'text', (c) => c.references('orgs.id'))
      .addColumn('email', 'text')
      .addColumn('failed_logins', 'integer', (c) => c.notNull())
      .addColumn('locked_until', 'text')
      .addColumn('active', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('row_version', 'integer', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('sessions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('last_seen_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('notices')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('source_sha256', 'text', (c) => c.notNull().unique())
      .addColumn('title', 'text')
      .addColumn('doc_number', 'text')
      .addColumn('issuer', 'text')
      .addColumn('issued_at', 'text')
      .addColumn('file_name', 'text')
      .addColumn('format', 'text', (c) => c.notNull())
      .addColumn('source_text', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text')
      .execute();

    await db.schema
      .createTable('plans')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('notice_id', 'text', (c) => c.notNull().references('notices.id'))
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('plan_json', 'text', (c) => c.notNull())
      .addColumn('changes_json', 'text')
      .addColumn('previous_plan_id', 'text')
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text')
      .addColumn('published_at', 'text')
      .addColumn('published_by', 'text')
      .addColumn('row_version', 'integer', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('tasks')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id'))
      .addColumn('no', 'integer', (c) => c.notNull())
      .addColumn('label', 'text', (c) => c.notNull())
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('section', 'text')
      .addColumn('subsection', 'text')
      .addColumn('section_no', 'text')
      .addColumn('subsection_no', 'text')
      .addColumn('obligations_json', 'text', (c) => c.notNull())
      .addColumn('indicators_json', 'text', (c) => c.notNull())
      .addColumn('closed_at', 'text')
      .addUniqueConstraint('tasks_plan_no', ['plan_id', 'no'])
      .execute();

    await db.schema
      .createTable('assignments')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id'))
      .addColumn('task_id', 'text', (c) => c.notNull().references('tasks.id'))
      .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('acknowledged_at', 'text')
      .addColumn('acknowledged_by', 'text')
      .addUniqueConstraint('assignments_task_org', ['task_id', 'org_id'])
      .execute();

    await db.schema
      .createTable('deliverables')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id'))
      .addColumn('task_id', 'text', (c) => c.notNull().references('tasks.id'))
      .addColumn('task_no', 'integer', (c) => c.notNull())
      .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('period', 'text', (c) => c.notNull())
      .addColumn('period_start', 'text', (c) => c.notNull())
      .addColumn('due_date', 'text', (c) => c.notNull())
      .addColumn('original_due_date', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('lead_deliverable_id', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('submitted_at', 'text')
      .addColumn('accepted_at', 'text')
      .addColumn('calendar_missing', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('row_version', 'integer', (c) => c.notNull())
      .addUniqueConstraint('deliverables_plan_key', ['plan_id', 'key'])
      .execute();
    await db.schema
      .createIndex('deliverables_org_due')
      .on('deliverables')
      .columns(['org_id', 'due_date'])
      .execute();
    await db.schema
      .createIndex('deliverables_due')
      .on('deliverables')
      .columns(['due_date', 'status'])
      .execute();
    await db.schema.createIndex('deliverables_task').on('deliverables').columns(['task_id']).execute();

    await db.schema
      .createTable('reports')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('deliverable_id', 'text', (c) => c.notNull().references('deliverables.id'))
      .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
      .addColumn('author_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('narrative', 'text', (c) => c.notNull())
      .addColumn('completion', 'text', (c) => c.notNull())
      .addColumn('figures_json', 'text', (c) => c.notNull())
      .addColumn('submitted_at', 'text')
      .addColumn('approved_by', 'text')
      .addColumn('approved_at', 'text')
      .addColumn('reviewed_by', 'text')
      .addColumn('reviewed_at', 'text')
      .addColumn('return_reason', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('row_version', 'integer', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('reports_deliverable').on('reports').columns(['deliverable_id']).execute();

    await db.schema
      .createTable('evidence')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('report_id', 'text', (c) => c.notNull().references('reports.id'))
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('size', 'integer', (c) => c.notNull())
      .addColumn('content_type', 'text', (c) => c.notNull())
      .addColumn('file_name', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('evidence_report').on('evidence').columns(['report_id']).execute();

    await db.schema
      .createTable('extensions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('deliverable_id', 'text', (c) => c.notNull().references('deliverables.id'))
      .addColumn('org_id', 'text', (c) => c.notNull())
      .addColumn('requested_by', 'text', (c) => c.notNull())
      .addColumn('requested_due_date', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('decided_by', 'text')
      .addColumn('decided_at', 'text')
      .addColumn('decision_note', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('escalations')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('deliverable_id', 'text', (c) => c.notNull().references('deliverables.id'))
      .addColumn('org_id', 'text', (c) => c.notNull())
      .addColumn('level', 'text', (c) => c.notNull())
      .addColumn('due_from', 'text', (c) => c.notNull())
      .addColumn('reply_due', 'text')
      .addColumn('reply', 'text')
      .addColumn('replied_at', 'text')
      .addColumn('replied_by', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('escalations_once', ['deliverable_id', 'level'])
      .execute();

    await db.schema
      .createTable('notifications')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('link', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('read_at', 'text')
      .execute();
    await db.schema
      .createIndex('notifications_user')
      .on('notifications')
      .columns(['user_id', 'created_at'])
      .execute();

    await db.schema
      .createTable('outbox')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('recipient', 'text', (c) => c.notNull())
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull())
      .addColumn('last_error', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('sent_at', 'text')
      .execute();

    await db.schema
      .createTable('settings')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('value_json', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('updated_by', 'text')
      .execute();

    await db.schema
      .createTable('audit_log')
      .addColumn('seq', 'integer', (c) => c.primaryKey())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('actor_id', 'text')
      .addColumn('actor_name', 'text', (c) => c.notNull())
      .addColumn('org_id', 'text')
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('entity', 'text', (c) => c.notNull())
      .addColumn('entity_id', 'text', (c) => c.notNull())
      .addColumn('before_json', 'text')
      .addColumn('after_json', 'text')
      .addColumn('prev_hash', 'text', (c) => c.notNull())
      .addColumn('hash', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('audit_entity').on('audit_log').columns(['entity', 'entity_id']).execute();

    await db.schema
      .createTable('job_locks')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('holder', 'text', (c) => c.notNull())
      .addColumn('until', 'text', (c) => c.notNull())
      .execute();
  },
  async down() {
    throw new Error('migrations are forward-only');
  },
};

/**
 * Reports record who last sent them back, when, and at which step ('leader' of the unit before the
 * report went out, or 'coordinator' on review). Reports returned before this step were all returned
 * by the coordinator, whose review columns already say who and when.
 */
const reportReturnedBy: Migration = {
  async up(db: AnyDb) {
    // One column per statement: SQLite adds a single column per ALTER TABLE.
    await db.schema.alterTable('reports').addColumn('returned_by', 'text').execute();
    await db.schema.alterTable('reports').addColumn('returned_at', 'text').execute();
    await db.schema.alterTable('reports').addColumn('returned_by_role', 'text').execute();
    await sql`update reports set returned_by = reviewed_by, returned_at = reviewed_at,
      returned_by_role = 'coordinator' where return_reason is not null`.execute(db);
  },
  async down() {
    throw new Error('migrations are forward-only');
  },
};

/**
 * Failed logins counted per client address and per user name that names no active account (an
 * account's own count stays in `users`): one row per key, counted by one atomic upsert.
 */
const loginThrottle: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable('login_throttle')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('failures', 'integer', (c) => c.notNull())
      .addColumn('window_start', 'text', (c) => c.notNull())
      .addColumn('locked_until', 'text')
      .execute();
  },
  async down() {
    throw new Error('migrations are forward-only');
  },
};

/**
 * Escalation passes as records a coordinator can take back: each pass that issued anything is a row
 * of `escalation_runs`, each record knows its pass, and a withdrawn record (已撤回) stays with who
 * withdrew it, when and why. Only records in force are unique per (deliverable, level), so a later
 * pass can issue a step again once the one before was withdrawn; SQLite cannot drop a table's
 * constraint, so the table is rebuilt with a partial unique index instead.
 */
const escalationRuns: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable('escalation_runs')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('as_of', 'text', (c) => c.notNull())
      .addColumn('run_by', 'text')
      .addColumn('run_by_name', 'text', (c) => c.notNull())
      .addColumn('started_at', 'text', (c) => c.notNull())
      .addColumn('notified', 'integer', (c) => c.notNull())
      .addColumn('reverted_at', 'text')
      .addColumn('reverted_by', 'text')
      .addColumn('revert_reason', 'text')
      .execute();
    await db.schema
      .createIndex('escalation_runs_started')
      .on('escalation_runs')
      .column('started_at')
      .execute();

    const kept = [
      'id',
      'deliverable_id',
      'org_id',
      'level',
      'due_from',
      'reply_due',
      'reply',
      'replied_at',
      'replied_by',
      'created_at',
    ];
    await db.schema
      .createTable('escalations_next')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('deliverable_id', 'text', (c) => c.notNull().references('deliverables.id'))
      .addColumn('org_id', 'text', (c) => c.notNull())
      .addColumn('level', 'text', (c) => c.notNull())
      .addColumn('due_from', 'text', (c) => c.notNull())
      .addColumn('reply_due', 'text')
      .addColumn('reply', 'text')
      .addColumn('replied_at', 'text')
      .addColumn('replied_by', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('run_id', 'text')
      .addColumn('withdrawn_at', 'text')
      .addColumn('withdrawn_by', 'text')
      .addColumn('withdraw_reason', 'text')
      .execute();
    const cols = sql.join(kept.map((c) => sql.ref(c)));
    await sql`insert into escalations_next (${cols}) select ${cols} from escalations`.execute(db);
    await db.schema.dropTable('escalations').execute();
    await db.schema.alterTable('escalations_next').renameTo('escalations').execute();
    await db.schema
      .createIndex('escalations_once')
      .on('escalations')
      .columns(['deliverable_id', 'level'])
      .unique()
      .where(sql.ref('withdrawn_at'), 'is', null)
      .execute();
    await db.schema
      .createIndex('escalations_deliverable')
      .on('escalations')
      .column('deliverable_id')
      .execute();
    await db.schema.createIndex('escalations_run').on('escalations').column('run_id').execute();
  },
  async down() {
    throw new Error('migrations are forward-only');
  },
};

/**
 * Accounts (security audit, finding 8 and sessions): when a password was last changed (for expiry)
 * and whether the user must change it before doing anything else ('initial': set by an
 * administrator or generated; 'expired'); each session keeps the client address and user agent it
 * was made from, for the list of signed-in devices. Passwords set before count from the account's
 * creation.
 */
const accounts: Migration = {
  async up(db: AnyDb) {
    await db.schema.alterTable('users').addColumn('password_changed_at', 'text').execute();
    await db.schema.alterTable('users').addColumn('must_change_password', 'text').execute();
    await sql`update users set password_changed_at = created_at`.execute(db);
    await db.schema.alterTable('sessions').addColumn('address', 'text').execute();
    await db.schema.alterTable('sessions').addColumn('user_agent', 'text').execute();
    await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();
  },
  async down() {
    throw new Error('migrations are forward-only');
  },
};

/**
 * Assessment (考核, issue 10): the rubric a coordinator sets for a plan's year, the bonus and
 * deduction entries (加减分) with their reasons — points kept in hundredths so sums are exact on both
 * databases; an entry is withdrawn, never deleted —, the year's course (appeal window, freeze with
 * the stored result) and the units' appeals.
 */
const assessment: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable('assessment_rubrics')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id'))
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('rubric_json', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('updated_by', 'text')
      .addColumn('row_version', 'integer', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('assessment_rubrics_year')
      .on('assessment_rubrics')
      .columns(['plan_id', 'year'])
      .unique()
      .execute();
    await db.schema
      .createTable('assessment_adjustments')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id'))
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
      .addColumn('points_centi', 'integer', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('basis', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text')
      .addColumn('withdrawn_at', 'text')
      .addColumn('withdrawn_by', 'text')
      .addColumn('withdraw_reason', 'text')
      .execute();
    await db.schema
      .createIndex('assessment_adjustments_year')
      .on('assessment_adjustments')
      .columns(['plan_id', 'year'])
      .execute();
    // The year's course: open (scores move with the records) → appeals (a window units may appeal
    // in) → frozen (the result stored with its SHA-256, never recomputed).
    await db.schema
      .createTable('assessment_years')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id'))
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('appeal_from', 'text')
      .addColumn('appeal_until', 'text')
      .addColumn('opened_at', 'text')
      .addColumn('opened_by', 'text')
      .addColumn('frozen_at', 'text')
      .addColumn('frozen_by', 'text')
      .addColumn('result_json', 'text')
      .addColumn('result_sha256', 'text')
      .addColumn('row_version', 'integer', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('assessment_years_year')
      .on('assessment_years')
      .columns(['plan_id', 'year'])
      .unique()
      .execute();
    await db.schema
      .createTable('assessment_appeals')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id'))
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
      .addColumn('item_id', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('filed_at', 'text', (c) => c.notNull())
      .addColumn('filed_by', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('decision_note', 'text')
      .addColumn('decided_at', 'text')
      .addColumn('decided_by', 'text')
      .addColumn('adjustment_id', 'text')
      .execute();
    await db.schema
      .createIndex('assessment_appeals_year')
      .on('assessment_appeals')
      .columns(['plan_id', 'year'])
      .execute();
  },
  async down() {
    throw new Error('migrations are forward-only');
  },
};

export const MIGRATIONS: Record<string, Migration> = {
  '0001-initial': initial,
  '0002-report-returned-by': reportReturnedBy,
  '0003-login-throttle': loginThrottle,
  '0004-accounts': accounts,
  '0005-escalation-runs': escalationRuns,
  '0006-assessment': assessment,
};

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

/** Apply every pending migration; throws with the failing migration's name. */
export async function migrateToLatest(db: AnyDb): Promise<void> {
  const migrator = new Migrator({
    db,
    provider,
    migrationTableName: 'luoshi_migrations',
    migrationLockTableName: 'luoshi_migration_lock',
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(`migration ${failed?.migrationName ?? '?'} failed: ${String(error)}`);
  }
}
