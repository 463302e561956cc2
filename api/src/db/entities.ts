import { AuthSession, User } from '../modules/auth/user.entity';
import { Community, Grid, Organization } from '../modules/community/community.entity';
import { FollowUp } from '../modules/followup/followup.entity';
import { Assessment, Matter, Party, PiiAccessLog, ReferenceCounter, RoutingRule } from '../modules/matter/matter.entity';
import { Invitation, JointMediationRequest } from '../modules/mediation/mediation.entity';
import { AgreementTerm, JointSession } from '../modules/session/session.entity';
import { Event } from '../events/event.entity';
import { ElevatorConsent } from '../modules/elevator/elevator.entity';
import { ActivityDecision, CommunityActivity } from '../modules/community-activity/community-activity.entity';
import { PublicReport } from '../modules/public-report/public-report.entity';
import { Opinion } from '../modules/opinion/opinion.entity';
import { Attachment } from '../modules/attachment/attachment.entity';
import { AppSecret } from './app-secret.entity';

/** Listed explicitly: no folder scanning, the same set in the app, the tests and the migrator. */
export const entities = [
  Community,
  Grid,
  Organization,
  User,
  AuthSession,
  Matter,
  Party,
  Assessment,
  PiiAccessLog,
  ReferenceCounter,
  RoutingRule,
  JointMediationRequest,
  Invitation,
  JointSession,
  AgreementTerm,
  FollowUp,
  Event,
  ElevatorConsent,
  CommunityActivity,
  ActivityDecision,
  PublicReport,
  Opinion,
  Attachment,
  AppSecret,
];
