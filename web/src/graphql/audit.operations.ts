import { graphql } from '../gql';

// 审计日志 (ADMIN and AUDITOR): who read personal data unmasked, and administrative changes.

export const PiiAccessLogQuery = graphql(`
  query PiiAccessLog($filter: PiiAccessLogFilter, $first: Int, $after: String) {
    piiAccessLog(filter: $filter, first: $first, after: $after) {
      totalCount hasNextPage endCursor
      entries {
        id at via field userId username userDisplayName organizationName
        matterId matterReference partyId partyName ip
      }
    }
  }
`);

export const ExportPiiAccessLogQuery = graphql(`
  query ExportPiiAccessLog($format: ExportFormat!, $filter: PiiAccessLogFilter) {
    exportPiiAccessLog(format: $format, filter: $filter) { filename mimeType base64 }
  }
`);

export const AuditTrailQuery = graphql(`
  query AuditTrail($filter: AuditTrailFilter, $first: Int, $after: String) {
    auditTrail(filter: $filter, first: $first, after: $after) {
      totalCount hasNextPage endCursor
      entries { id type occurredAt actorId actorUsername actorDisplayName payload }
    }
  }
`);

export const ExportAuditTrailQuery = graphql(`
  query ExportAuditTrail($format: ExportFormat!, $filter: AuditTrailFilter) {
    exportAuditTrail(format: $format, filter: $filter) { filename mimeType base64 }
  }
`);
