import { lazy, Suspense } from 'react';
import { Navigate, Outlet, Route, Routes, useLocation } from 'react-router';
import { QueryState } from './components/QueryState';
import { useMe, useSetupState } from './features/auth/queries';
import { ApiError } from './http/client';
import { useI18n } from './i18n/I18nProvider';

// Each page is its own chunk: the first load carries only the shell.
// The app frame too (its search box, saved views and menus): the field app (issue 19) has none,
// and a phone opening /field loads none of it. Any other first page asks for it at once, beside
// the sign-in check that comes before it, so that it is there when the check answers.
const loadLayout = () => import('./components/Layout');
if (window.location.pathname !== '/field') void loadLayout().catch(() => {});
const Layout = lazy(() => loadLayout().then((m) => ({ default: m.Layout })));
const LoginPage = lazy(() => import('./features/auth/LoginPage'));
const SetupPage = lazy(() => import('./features/auth/SetupPage'));
const AccountPage = lazy(() => import('./features/account/AccountPage'));
const TotpSetupRequiredPage = lazy(() => import('./features/account/TotpSetupRequiredPage'));
const MemberListPage = lazy(() => import('./features/members/MemberListPage'));
const MemberPage = lazy(() => import('./features/members/MemberPage'));
const WorkplaceListPage = lazy(() => import('./features/workplaces/WorkplaceListPage'));
const WorkplacePage = lazy(() => import('./features/workplaces/WorkplacePage'));
const DemandListPage = lazy(() => import('./features/demands/DemandListPage'));
const DemandPage = lazy(() => import('./features/demands/DemandPage'));
const TaskInboxPage = lazy(() => import('./features/tasks/TaskInboxPage'));
const SettingsPage = lazy(() => import('./features/settings/SettingsPage'));
const WeeklyDashboardPage = lazy(() => import('./features/dashboards/WeeklyDashboardPage'));
const MonthlyDashboardPage = lazy(() => import('./features/dashboards/MonthlyDashboardPage'));
const MonthlyReportPage = lazy(() => import('./features/dashboards/MonthlyReportPage'));
const MemberBriefingPage = lazy(() => import('./features/handover/MemberBriefingPage'));
const HandoverReportPage = lazy(() => import('./features/handover/HandoverReportPage'));
const HandoversPage = lazy(() => import('./features/handover/HandoversPage'));
const ImportPage = lazy(() => import('./features/import/ImportPage'));
const SurveyListPage = lazy(() => import('./features/surveys/SurveyListPage'));
const NewSurveyPage = lazy(() => import('./features/surveys/NewSurveyPage'));
const SurveyPage = lazy(() => import('./features/surveys/SurveyPage'));
const SurveyResultsPage = lazy(() => import('./features/surveys/ResultsPage'));
const SurveySlipsPage = lazy(() => import('./features/surveys/SlipsPage'));
// The field app (issue 19): its own small chunk, outside the app frame (it works offline).
const FieldPage = lazy(() => import('./features/field/FieldPage'));

function Loading() {
  const { t } = useI18n();
  return (
    <p className="state state-loading" role="status">
      {t.common.loading}
    </p>
  );
}

/** Signed-in pages: the app frame, or `bare` for print pages without it. */
function SignedIn({ bare = false }: { bare?: boolean }) {
  const me = useMe();
  const setup = useSetupState();
  const location = useLocation();
  if (me.isLoading || setup.isLoading) return <Loading />;
  if (setup.data?.needsSetup) return <Navigate to="/setup" replace />;
  if (!me.data) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  // Their role requires two-step sign-in and it is not on: nothing else answers until it is.
  if (me.data.totpSetupRequired) return <TotpSetupRequiredPage />;
  return bare ? <Outlet /> : <Layout user={me.data} />;
}

/** The first page: reps on a phone land in the field app (issue 19); everyone else on the member list. */
function Home() {
  const me = useMe();
  const phone = typeof window.matchMedia === 'function' && window.matchMedia('(max-width: 40em)').matches;
  return <Navigate to={me.data?.role === 'rep' && phone ? '/field' : '/members'} replace />;
}

function NotFound() {
  return (
    <QueryState isLoading={false} error={new ApiError(404, {})}>
      {null}
    </QueryState>
  );
}

export function App() {
  return (
    <Suspense fallback={<Loading />}>
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route path="/setup" element={<SetupPage />} />
        <Route path="/field" element={<FieldPage />} />
        <Route element={<SignedIn bare />}>
          <Route path="/reports/monthly" element={<MonthlyReportPage />} />
          <Route path="/members/:id/briefing" element={<MemberBriefingPage />} />
          <Route path="/handovers/:id" element={<HandoverReportPage />} />
          <Route path="/surveys/:id/slips" element={<SurveySlipsPage />} />
        </Route>
        <Route element={<SignedIn />}>
          <Route index element={<Home />} />
          <Route path="dashboards/weekly" element={<WeeklyDashboardPage />} />
          <Route path="dashboards/monthly" element={<MonthlyDashboardPage />} />
          <Route path="members" element={<MemberListPage />} />
          <Route path="members/:id" element={<MemberPage />} />
          <Route path="workplaces" element={<WorkplaceListPage />} />
          <Route path="workplaces/:id" element={<WorkplacePage />} />
          <Route path="demands" element={<DemandListPage />} />
          <Route path="demands/:id" element={<DemandPage />} />
          <Route path="tasks" element={<TaskInboxPage />} />
          <Route path="handovers" element={<HandoversPage />} />
          <Route path="import" element={<ImportPage />} />
          <Route path="surveys" element={<SurveyListPage />} />
          <Route path="surveys/new" element={<NewSurveyPage />} />
          <Route path="surveys/:id" element={<SurveyPage />} />
          <Route path="surveys/:id/results" element={<SurveyResultsPage />} />
          <Route path="settings" element={<SettingsPage />} />
          <Route path="account" element={<AccountPage />} />
          <Route path="*" element={<NotFound />} />
        </Route>
      </Routes>
    </Suspense>
  );
}
