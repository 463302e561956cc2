import { Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

interface Props {
  invitationId: string;
  /** The active members of the viewer's organization. */
  users: { id: string; displayName: string }[];
  /** Who takes the matter on now, if anyone. */
  value: string | null;
  onAssign(userId: string): void | Promise<void>;
  loading?: boolean;
}

/** 指派承办人: the lead of an invited organization picks who in it takes the matter on. */
export function AssigneeSelect({ invitationId, users, value, onAssign, loading }: Props) {
  const { t } = useTranslation();
  const labelId = `assign-label-${invitationId}`;
  return (
    <Space wrap>
      <Typography.Text id={labelId}>{t('assign.label')}</Typography.Text>
      <Select
        style={{ minWidth: 160 }}
        aria-labelledby={labelId}
        data-testid={`assign-${invitationId}`}
        placeholder={t('assign.placeholder')}
        value={value ?? undefined}
        loading={loading}
        disabled={loading}
        optionFilterProp="label"
        showSearch
        options={users.map((user) => ({ value: user.id, label: user.displayName }))}
        onChange={(userId: string) => {
          if (userId !== value) void onAssign(userId);
        }}
      />
    </Space>
  );
}
