/** A notification link to a report: the review drawer for a coordinator, else the report's deliverable. */
import { Spin } from 'antd';
import { useEffect, useState } from 'react';
import { Navigate, useParams } from 'react-router';
import { api } from '../api/client.ts';
import { useMe } from '../app/session.tsx';

type ReportLink = { report: { id: string; status: string; deliverableId: string } };

export function ReportLinkPage() {
  const { id = '' } = useParams();
  const me = useMe();
  const [to, setTo] = useState<string | null>(null);
  useEffect(() => {
    api.get<ReportLink>(`/api/reports/${encodeURIComponent(id)}`).then(
      ({ report }) =>
        setTo(
          me.permissions.reviewReports && (report.status === 'submitted' || report.status === 'approved')
            ? `/review?report=${report.id}`
            : `/deliverables/${report.deliverableId}`,
        ),
      () => setTo('/notifications'),
    );
  }, [id, me.permissions.reviewReports]);
  return to ? <Navigate to={to} replace /> : <Spin />;
}
