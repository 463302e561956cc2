import { Button, Result, Space, Spin } from 'antd';
import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { AgreementDocumentQuery } from '../../graphql/lifecycle.operations';
import { formatDateTime } from '../../i18n';
import { useEnumLabel } from '../../ui/labels';
import { formatAmount, formatDate } from './lifecycle';
import './agreement.css';

/**
 * 人民调解协议书 for the agreement of one session, laid out as the paper document (A4, 宋体-style
 * serif, signature area) and printed with window.print(); the console's chrome is hidden by the
 * print stylesheet.
 */
export function AgreementPrintPage() {
  const { id = '', sessionId = '' } = useParams();
  const { t, i18n } = useTranslation();
  const label = useEnumLabel();
  const navigate = useNavigate();
  const { data, loading, error } = useQuery(AgreementDocumentQuery, { variables: { id } });
  const matter = data?.matter;
  const session = matter?.sessions.find((s) => s.id === sessionId);
  const back = (
    <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(`/matters/${id}`)} data-testid="agreement-back">
      {t('lifecycle.agreement.back')}
    </Button>
  );

  if (!matter || !session) {
    if (loading) return <Spin />;
    return <Result status={error ? 'error' : '404'} title={t('lifecycle.agreement.notFound')} extra={back} />;
  }
  if (session.outcome !== 'AGREEMENT' && session.outcome !== 'PARTIAL_AGREEMENT') {
    return <Result status="info" title={t('lifecycle.agreement.notAgreement')} extra={back} />;
  }

  const participants = (session.attendedOrganizations.length ? session.attendedOrganizations : session.organizations).map((o) => o.name);

  return (
    <div className="agreement-page" data-testid="agreement-page">
      <Space className="agreement-toolbar no-print">
        {back}
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="agreement-print">
          {t('lifecycle.agreement.print')}
        </Button>
      </Space>
      <article className="agreement-document" data-testid="agreement-document" lang={i18n.language}>
        <header>
          <h1>{t('lifecycle.agreement.docTitle')}</h1>
          <p className="agreement-number">{t('lifecycle.agreement.number', { reference: matter.reference })}</p>
        </header>

        <section>
          <h2>{t('lifecycle.agreement.parties')}</h2>
          {matter.parties.length === 0 ? <p>—</p> : (
            <table className="agreement-parties">
              <tbody>
                {matter.parties.map((party) => (
                  <tr key={party.id}>
                    <th>{label('PartyRole', party.role)}</th>
                    <td>{party.name}</td>
                    <td>{party.phone ?? ''}</td>
                    <td>{party.idNumber ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>

        <section>
          <h2>{t('lifecycle.agreement.matter')}</h2>
          <p>
            {matter.title}（{label('MatterCategory', matter.category)}{matter.location ? `，${matter.location}` : ''}
            {matter.amountInDispute ? `，¥${formatAmount(matter.amountInDispute)}` : ''}）
          </p>
          <h2>{t('lifecycle.agreement.facts')}</h2>
          <p className="agreement-prose">{matter.description}</p>
          <h2>{t('lifecycle.agreement.session')}</h2>
          <p>{t('lifecycle.agreement.sessionWhen', { time: formatDateTime(session.startsAt), venue: session.venue })}</p>
          <h2>{t('lifecycle.agreement.participants')}</h2>
          <p>{participants.join('、')}</p>
        </section>

        <section>
          <h2>{t('lifecycle.agreement.termsIntro')}</h2>
          <ol className="agreement-terms" data-testid="agreement-terms">
            {session.terms.map((term) => (
              <li key={term.id}>
                {term.description}
                {(term.amount || term.dueAt) && (
                  <span className="agreement-term-detail">
                    {term.amount ? t('lifecycle.agreement.amount', { amount: formatAmount(term.amount) }) : ''}
                    {term.amount && term.dueAt ? t('app.separator') : ''}
                    {term.dueAt ? t('lifecycle.agreement.dueAt', { date: formatDate(term.dueAt) }) : ''}
                  </span>
                )}
              </li>
            ))}
          </ol>
          <p className="agreement-prose">{t('lifecycle.agreement.closing')}</p>
        </section>

        <section className="agreement-signatures">
          <div>
            <p>{t('lifecycle.agreement.signParty')}{t('app.colon')}</p>
            {matter.parties.map((party) => <p key={party.id} className="agreement-sign-line">{party.name}{t('app.colon')}</p>)}
          </div>
          <div>
            <p>{t('lifecycle.agreement.signMediator')}{t('app.colon')}</p>
            <p className="agreement-sign-line" />
          </div>
          <div className="agreement-committee">
            <p>{t('lifecycle.agreement.committee', { community: matter.community.name })}</p>
            <p>{t('lifecycle.agreement.signCommittee')}</p>
            <p>{session.outcomeRecordedAt ? formatDate(session.outcomeRecordedAt) : t('lifecycle.agreement.date')}</p>
          </div>
        </section>

        {session.judicialConfirmedAt && (
          <section className="agreement-stamp" data-testid="agreement-confirmed">
            <p className="agreement-stamp-title">
              {t('lifecycle.agreement.confirmedStamp', { court: session.judicialConfirmedByOrganization?.name ?? '' })}
            </p>
            <p>{t('lifecycle.agreement.confirmedAt', { date: formatDate(session.judicialConfirmedAt) })}</p>
            {session.judicialConfirmationNote && <p>{t('lifecycle.agreement.confirmationNote', { note: session.judicialConfirmationNote })}</p>}
          </section>
        )}
      </article>
    </div>
  );
}
