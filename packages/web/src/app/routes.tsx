import { Spin } from 'antd';
import { type ComponentType, lazy } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { LoginPage } from '../pages/login-page.tsx';
import { PasswordChangePage } from '../pages/password-change-page.tsx';
import { useSession } from './session.tsx';
import { Shell } from './shell.tsx';

/**
 * Pages load when first opened (one script each), so the sign-in page does not wait for the
 * dashboard's charts; the shell stays in place (its Suspense) while a page's script arrives.
 */
function lazyPage<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) {
  return lazy(() => load().then((m) => ({ default: m[name] as ComponentType })));
}

const DashboardPage = lazyPage(() => import('../pages/dashboard-page.tsx'), 'DashboardPage');
const MyWorkPage = lazyPage(() => import('../pages/my-work-page.tsx'), 'MyWorkPage');
const DeliverablesPage = lazyPage(() => import('../pages/deliverables-page.tsx'), 'DeliverablesPage');
const DeliverablePage = lazyPage(() => import('../pages/deliverable-page.tsx'), 'DeliverablePage');
const ApprovalsPage = lazyPage(() => import('../pages/approvals-page.tsx'), 'ApprovalsPage');
const ReviewPage = lazyPage(() => import('../pages/review-page.tsx'), 'ReviewPage');
const ExtensionsPage = lazyPage(() => import('../pages/extensions-page.tsx'), 'ExtensionsPage');
const ReportLinkPage = lazyPage(() => import('../pages/report-link-page.tsx'), 'ReportLinkPage');
const EscalationsPage = lazyPage(() => import('../pages/escalations-page.tsx'), 'EscalationsPage');
const PlansPage = lazyPage(() => import('../pages/plans-page.tsx'), 'PlansPage');
const ImportPage = lazyPage(() => import('../pages/import-page.tsx'), 'ImportPage');
const PlanPage = lazyPage(() => import('../pages/plan-page.tsx'), 'PlanPage');
const CalendarPage = lazyPage(() => import('../pages/calendar-page.tsx'), 'CalendarPage');
const OrgsPage = lazyPage(() => import('../pages/orgs-page.tsx'), 'OrgsPage');
const UsersPage = lazyPage(() => import('../pages/users-page.tsx'), 'UsersPage');
const SettingsPage = lazyPage(() => import('../pages/settings-page.tsx'), 'SettingsPage');
const AuditPage = lazyPage(() => import('../pages/audit-page.tsx'), 'AuditPage');
const NotificationsPage = lazyPage(() => import('../pages/notifications-page.tsx'), 'NotificationsPage');
const AssessmentPage = lazyPage(() => import('../pages/assessment-page.tsx'), 'AssessmentPage');
const AccountPage = lazyPage(() => import('../pages/account-page.tsx'), 'AccountPage');

function Home() {
  const { me } = useSession();
  return <Navigate to={me?.permissions.submitReports ? '/my-work' : '/dashboard'} replace />;
}

function RequireLogin({ children }: { children: React.ReactNode }) {
  const { me, loading } = useSession();
  const location = useLocation();
  if (loading) return <Spin fullscreen />;
  if (!me) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  // The server answers nothing else until the password is changed: ask for it in place of any page.
  if (me.user.mustChangePassword) return <PasswordChangePage />;
  return children;
}

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route
        element={
          <RequireLogin>
            <Shell />
          </RequireLogin>
        }
      >
        <Route index element={<Home />} />
        <Route path="dashboard" element={<DashboardPage />} />
        <Route path="my-work" element={<MyWorkPage />} />
        <Route path="deliverables" element={<DeliverablesPage />} />
        <Route path="deliverables/:id" element={<DeliverablePage />} />
        <Route path="approvals" element={<ApprovalsPage />} />
        <Route path="review" element={<ReviewPage />} />
        <Route path="extensions" element={<ExtensionsPage />} />
        <Route path="extensions/:id" element={<Navigate to="/extensions" replace />} />
        <Route path="reports/:id" element={<ReportLinkPage />} />
        <Route path="escalations" element={<EscalationsPage />} />
        <Route path="assessment" element={<AssessmentPage />} />
        <Route path="plans" element={<PlansPage />} />
        <Route path="plans/import" element={<ImportPage />} />
        <Route path="plans/:id" element={<PlanPage />} />
        <Route path="calendar" element={<CalendarPage />} />
        <Route path="orgs" element={<OrgsPage />} />
        <Route path="users" element={<UsersPage />} />
        <Route path="settings" element={<SettingsPage />} />
        <Route path="audit" element={<AuditPage />} />
        <Route path="notifications" element={<NotificationsPage />} />
        <Route path="account" element={<AccountPage />} />
        <Route path="*" element={<Navigate to="/" replace />} />
      </Route>
    </Routes>
  );
}
