import { Badge, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { useConnection } from '../apollo/connection';

export function ConnectionIndicator() {
  const { t } = useTranslation();
  const { status } = useConnection();
  const badge = status === 'connected' ? 'success' : status === 'reconnecting' ? 'error' : 'processing';
  const text =
    status === 'connected' ? t('connection.connected') : status === 'reconnecting' ? t('connection.reconnecting') : t('connection.connecting');
  return (
    <Tooltip title={text}>
      <span data-testid="connection-status" data-state={status} className="connection-indicator">
        <Badge status={badge} text={<span className="connection-text">{text}</span>} />
      </span>
    </Tooltip>
  );
}
