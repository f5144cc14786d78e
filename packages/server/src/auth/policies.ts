/**
 * Who may do what. Policies are pure: they look at the user and the record. The API also returns
 * `permissions` so the UI shows only what the user may do.
 */
import type { SessionUser } from './sessions.ts';

export type Permissions = {
  importNotices: boolean;
  publishPlans: boolean;
  reviewReports: boolean;
  decideExtensions: boolean;
  manageUsers: boolean;
  manageOrgs: boolean;
  manageSettings: boolean;
  submitReports: boolean;
  approveReports: boolean;
  requestExtensions: boolean;
  viewAllUnits: boolean;
  viewAudit: boolean;
};

export function permissionsOf(user: SessionUser): Permissions {
  const coordinator = user.role === 'coordinator';
  const inUnit = user.role === 'reporter' || user.role === 'leader';
  return {
    importNotices: coordinator,
    publishPlans: coordinator,
    reviewReports: coordinator,
    decideExtensions: coordinator,
    manageUsers: coordinator,
    manageOrgs: coordinator,
    manageSettings: coordinator,
    submitReports: inUnit,
    approveReports: user.role === 'leader',
    requestExtensions: inUnit,
    viewAllUnits: coordinator || user.role === 'viewer',
    viewAudit: coordinator,
  };
}

/** May this user see records of this unit? Coordinators and viewers see all; units see their own. */
export function canSeeOrg(user: SessionUser, orgId: string): boolean {
  if (user.role === 'coordinator' || user.role === 'viewer') return true;
  return user.orgId === orgId;
}

/** May this user write on behalf of this unit (report, ask for an extension)? */
export function canActForOrg(user: SessionUser, orgId: string): boolean {
  return (user.role === 'reporter' || user.role === 'leader') && user.orgId === orgId;
}

/**
 * May this user read the unit's unfinished work (a draft report)? Only the unit's own reporters and
 * leaders. The coordinating office (依法治市办) is its own scope: a coordinator sees what every unit
 * has handed in, never a unit's drafts — also when the account happens to carry an orgId (the first
 * coordinator used to be created in 市司法局). Rights come from the role, not from a membership.
 */
export function canSeeDraftsOf(user: SessionUser, orgId: string): boolean {
  return canActForOrg(user, orgId);
}

export function actorOf(user: SessionUser): { id: string; name: string; orgId: string | null } {
  return { id: user.id, name: user.username, orgId: user.orgId };
}
