import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router';
import { Loading } from '../components/Loading';
import { AppLayout } from './AppLayout';
import { RequireAction, RequireAuth } from './RequireAuth';

// One chunk per page.
const LoginPage = lazy(() => import('../features/auth/LoginPage'));
const PlansPage = lazy(() => import('../features/plans/PlansPage'));
const PlanPage = lazy(() => import('../features/plans/PlanPage'));
const OverviewPage = lazy(() => import('../features/overview/OverviewPage'));
const ImportPage = lazy(() => import('../features/import/ImportPage'));
const DocumentsPage = lazy(() => import('../features/documents/DocumentsPage'));
const DocumentPage = lazy(() => import('../features/documents/DocumentPage'));
const UnitsPage = lazy(() => import('../features/units/UnitsPage'));
const UnitPage = lazy(() => import('../features/units/UnitPage'));
const AuditPage = lazy(() => import('../features/audit/AuditPage'));
const UsersPage = lazy(() => import('../features/users/UsersPage'));
const JobsPage = lazy(() => import('../features/jobs/JobsPage'));
const DisseminationPage = lazy(() => import('../features/dissemination/DisseminationPage'));
const ReportPage = lazy(() => import('../features/reports/ReportPage'));
const LetterPage = lazy(() => import('../features/notifications/LetterPage'));
const NotFoundPage = lazy(() => import('../features/errors/NotFoundPage'));
const TodoPage = lazy(() => import('../features/followup/TodoPage'));
const HomePage = lazy(() => import('../features/followup/HomePage'));
const Landing = lazy(() => import('../features/followup/Landing'));
const IndicatorsDashboardPage = lazy(() => import('../features/indicators/DashboardPage'));
const IndicatorsCataloguePage = lazy(() => import('../features/indicators/CataloguePage'));
const IndicatorsEntryPage = lazy(() => import('../features/indicators/EntryPage'));
const IndicatorsFormPage = lazy(() => import('../features/indicators/FormPage'));
const IndicatorsReviewPage = lazy(() => import('../features/indicators/ReviewPage'));

export function AppRoutes() {
  return (
    <Suspense fallback={<Loading />}>
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route
          element={
            <RequireAuth>
              <AppLayout />
            </RequireAuth>
          }
        >
          <Route index element={<Landing />} />
          <Route path="todo" element={<TodoPage />} />
          <Route path="home" element={<HomePage />} />
          <Route path="plans" element={<PlansPage />} />
          <Route
            path="plans/import"
            element={
              <RequireAction action="plan.import">
                <ImportPage />
              </RequireAction>
            }
          />
          <Route path="plans/:id" element={<PlanPage />} />
          <Route path="plans/:id/dissemination" element={<DisseminationPage />} />
          <Route path="plans/:id/overview" element={<OverviewPage />} />
          <Route path="indicators" element={<IndicatorsDashboardPage />} />
          <Route path="indicators/catalogue" element={<IndicatorsCataloguePage />} />
          <Route path="indicators/entry" element={<IndicatorsEntryPage />} />
          <Route path="indicators/forms/:unitId/:periodKey" element={<IndicatorsFormPage />} />
          <Route path="indicators/review" element={<IndicatorsReviewPage />} />
          <Route path="documents" element={<DocumentsPage />} />
          <Route path="documents/:id" element={<DocumentPage />} />
          <Route path="units" element={<UnitsPage />} />
          <Route path="units/:id" element={<UnitPage />} />
          <Route path="obligations/:id" element={<ReportPage />} />
          <Route
            path="audit"
            element={
              <RequireAction action="audit.read">
                <AuditPage />
              </RequireAction>
            }
          />
          <Route
            path="users"
            element={
              <RequireAction action="user.manage">
                <UsersPage />
              </RequireAction>
            }
          />
          <Route
            path="jobs"
            element={
              <RequireAction action="job.manage">
                <JobsPage />
              </RequireAction>
            }
          />
          <Route path="explanation-letters/:id" element={<LetterPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </Suspense>
  );
}
