import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type {
  EventType, IntakeChannel, InvitationStatus, MatterCategory, MatterKind, MatterScale, MatterStatus,
  OrganizationKind, PartyRole, RiskFlag, RiskLevel, UserRole,
} from '../gql/graphql';

interface EnumTypes {
  OrganizationKind: OrganizationKind;
  UserRole: UserRole;
  MatterKind: MatterKind;
  MatterCategory: MatterCategory;
  IntakeChannel: IntakeChannel;
  MatterStatus: MatterStatus;
  RiskLevel: RiskLevel;
  RiskFlag: RiskFlag;
  MatterScale: MatterScale;
  PartyRole: PartyRole;
  InvitationStatus: InvitationStatus;
  EventType: EventType;
}

type ListedEnum = Exclude<keyof EnumTypes, 'UserRole' | 'EventType'>;

export const ENUM_VALUES: { [K in ListedEnum]: readonly EnumTypes[K][] } = {
  OrganizationKind: ['COMMUNITY', 'COURT', 'PROCURATORATE', 'POLICE', 'LAW_FIRM', 'JUDICIAL_OFFICE'],
  MatterKind: ['DEMAND', 'DISPUTE', 'CONSULTATION'],
  MatterCategory: [
    'NEIGHBOR', 'FAMILY', 'PROPERTY_RIGHTS', 'HOUSING_RENOVATION', 'ELEVATOR_INSTALLATION', 'ECONOMIC', 'LABOR',
    'PROPERTY_MANAGEMENT', 'OTHER',
  ],
  IntakeChannel: ['TALK_HALL', 'GRID_PATROL', 'PHONE', 'ONLINE', 'REFERRAL'],
  MatterStatus: ['REPORTED', 'ASSESSING', 'MEDIATING', 'RESOLVED', 'ESCALATED', 'WITHDRAWN', 'CLOSED'],
  RiskLevel: ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'],
  RiskFlag: ['CRIMINAL_ESCALATION', 'GROUP_PETITION', 'VULNERABLE_PARTY'],
  MatterScale: ['ORDINARY', 'MAJOR'],
  PartyRole: ['APPLICANT', 'RESPONDENT', 'THIRD_PARTY'],
  InvitationStatus: ['PENDING', 'ACCEPTED', 'DECLINED', 'EXPIRED'],
};

/** Label of a domain enum value in the current language (Chinese by default). */
export function useEnumLabel() {
  const { t } = useTranslation();
  return function label<K extends keyof EnumTypes>(enumName: K, value: EnumTypes[K] | null | undefined): string {
    if (value === null || value === undefined) return '—';
    // An enum value the api added after this build falls back to its code rather than breaking.
    return t(`enums.${enumName}.${value}`, { defaultValue: value });
  };
}

/** Options for an antd Select over a domain enum. */
export function useEnumOptions() {
  const label = useEnumLabel();
  return function options<K extends keyof typeof ENUM_VALUES>(enumName: K): { value: EnumTypes[K]; label: string }[] {
    return ENUM_VALUES[enumName].map((value) => ({ value, label: label(enumName, value) }));
  };
}

const STATUS_COLOR: Record<MatterStatus, string> = {
  REPORTED: 'blue', ASSESSING: 'gold', MEDIATING: 'purple', RESOLVED: 'green', ESCALATED: 'red', WITHDRAWN: 'default',
  CLOSED: 'default',
};
const RISK_COLOR: Record<RiskLevel, string> = { LOW: 'green', MEDIUM: 'gold', HIGH: 'orange', CRITICAL: 'red' };
const INVITATION_COLOR: Record<InvitationStatus, string> = {
  PENDING: 'processing', ACCEPTED: 'success', DECLINED: 'error', EXPIRED: 'default',
};

export function StatusTag({ status }: { status: MatterStatus }) {
  const label = useEnumLabel();
  return <Tag color={STATUS_COLOR[status]} data-testid="matter-status" data-status={status}>{label('MatterStatus', status)}</Tag>;
}

export function RiskTag({ risk }: { risk: RiskLevel | null | undefined }) {
  const label = useEnumLabel();
  if (!risk) return <span>—</span>;
  return <Tag color={RISK_COLOR[risk]}>{label('RiskLevel', risk)}</Tag>;
}

export function InvitationStatusTag({ status }: { status: InvitationStatus }) {
  const label = useEnumLabel();
  return (
    <Tag color={INVITATION_COLOR[status]} data-testid="invitation-status" data-status={status}>
      {label('InvitationStatus', status)}
    </Tag>
  );
}
