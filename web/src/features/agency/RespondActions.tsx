import { useState } from 'react';
import { App, Button, Form, Input, Modal, Space } from 'antd';
import { useMutation } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { MatterDetailQuery, MyInvitationsQuery, RespondToInvitationMutation } from '../../graphql/operations';
import { useLive } from '../../live/LiveProvider';
import { errorMessage } from '../../ui/errors';

/** Accept, or decline with a reason, one invitation addressed to the viewer's organization. */
export function RespondActions({ invitationId, matter }: { invitationId: string; matter: { reference: string; title: string } }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { markInvitationRead } = useLive();
  const [declining, setDeclining] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const [respond, { loading }] = useMutation(RespondToInvitationMutation, {
    refetchQueries: [MyInvitationsQuery, MatterDetailQuery],
  });

  async function send(accept: boolean, note?: string) {
    try {
      await respond({ variables: { input: { invitationId, accept, note } } });
      markInvitationRead(invitationId);
      message.success(t(accept ? 'inbox.accepted' : 'inbox.declined'));
      setDeclining(false);
    } catch (e) {
      message.error(t('app.error', { message: errorMessage(e) }));
    }
  }

  return (
    <>
      <Space>
        <Button type="primary" loading={loading} onClick={() => void send(true)} data-testid={`accept-${invitationId}`}>
          {t('inbox.accept')}
        </Button>
        <Button danger onClick={() => setDeclining(true)} data-testid={`decline-${invitationId}`}>
          {t('inbox.decline')}
        </Button>
      </Space>
      <Modal
        open={declining}
        title={<span data-testid="decline-title">{t('inbox.declineTitleFor', { reference: matter.reference, title: matter.title })}</span>}
        okText={t('inbox.confirm')}
        cancelText={t('inbox.cancel')}
        confirmLoading={loading}
        onCancel={() => setDeclining(false)}
        onOk={() => form.submit()}
        okButtonProps={{ danger: true, ...{ 'data-testid': 'decline-confirm' } }}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={(values) => void send(false, values.reason.trim())} preserve={false}>
          <Form.Item
            name="reason"
            label={t('inbox.declineReason')}
            rules={[{ required: true, whitespace: true, message: t('inbox.declineReasonRequired') }]}
          >
            <Input.TextArea rows={3} data-testid="decline-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
