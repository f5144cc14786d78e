import { Spin } from 'antd';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { AccountPage } from '../pages/account-page.tsx';
import { AuditPage } from '../pages/audit-page.tsx';
import { CalendarPage } from '../pages/calendar-page.tsx';
import { DashboardPage } from '../pages/dashboard-page.tsx';
import { DeliverablePage } from '../pages/deliverable-page.tsx';
import { DeliverablesPage } from '../pages/deliverables-page.tsx';
import { EscalationsPage } from '../pages/escalations-page.tsx';
import { ExtensionsPage } from '../pages/extensions-page.tsx';
import { ImportPage } from '../pages/import-page.tsx';
import { LoginPage } from '../pages/login-page.tsx';
import { MyWorkPage } from '../pages/my-work-page.tsx';
import { NotificationsPage } from '../pages/notifications-page.tsx';
import { OrgsPage } from '../pages/orgs-page.tsx';
import { PasswordChangePage } from '../pages/password-change-page.tsx';
import { PlanPage } from '../pages/plan-page.tsx';
import { PlansPage } from '../pages/plans-page.tsx';
import { ReportLinkPage } from '../pages/report-link-page.tsx';
import { ReviewPage } from '../pages/review-page.tsx';
import { SettingsPage } from '../pages/settings-page.tsx';
import { UsersPage } from '../pages/users-page.tsx';
import { useSession } from './session.tsx';
import { Shell } from './shell.tsx';

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
        <Route path="review" element={<ReviewPage />} />
        <Route path="extensions" element={<ExtensionsPage />} />
        <Route path="extensions/:id" element={<Navigate to="/extensions" replace />} />
        <Route path="reports/:id" element={<ReportLinkPage />} />
        <Route path="escalations" element={<EscalationsPage />} />
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
