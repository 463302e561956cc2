import { App, Card } from 'antd';
import { useMutation } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { MattersQuery, ReportMatterMutation } from '../../graphql/operations';
import type { ReportMatterInput } from '../../gql/graphql';
import { errorMessage } from '../../ui/errors';
import { ReportMatterForm } from './ReportMatterForm';

export function ReportMatterPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [report, { loading }] = useMutation(ReportMatterMutation, { refetchQueries: [MattersQuery] });

  async function submit(input: ReportMatterInput) {
    try {
      const { data } = await report({ variables: { input } });
      if (!data) return;
      message.success(t('report.success', { reference: data.reportMatter.reference }));
      navigate(`/matters/${data.reportMatter.id}`);
    } catch (e) {
      message.error(t('app.error', { message: errorMessage(e) }));
    }
  }

  return (
    <Card title={t('report.title')} data-testid="report-page">
      <ReportMatterForm onSubmit={submit} submitting={loading} />
    </Card>
  );
}
