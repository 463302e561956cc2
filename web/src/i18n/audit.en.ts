import type { AuditResources } from './audit.zh-CN';

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

const auditEn: Shape<AuditResources> = {
  nav: 'Audit log',
  title: 'Audit log',
  workbench: 'Auditor console',
  tabs: { pii: 'Personal data access', changes: 'Administrative changes' },
  filters: {
    range: 'Period',
    via: 'Path',
    types: 'Change',
    user: 'User',
    matter: 'Matter',
    actor: 'By',
    clear: 'Clear filters',
    byThisUser: 'Only this user',
    byThisMatter: 'Only this matter',
  },
  export: { csv: 'Export CSV', xlsx: 'Export Excel', failed: 'Export failed: {{message}}' },
  via: { QUERY: 'Query', PUSH: 'Push', EXPORT: 'Export', PRINT: 'Print', DOWNLOAD: 'File download' },
  field: { phone: 'Phone', idNumber: 'ID number' },
  columns: {
    at: 'Time',
    user: 'User',
    organization: 'Organization',
    matter: 'Matter',
    party: 'Party',
    field: 'Field',
    via: 'Path',
    ip: 'Client address',
    type: 'Change',
    actor: 'By',
    details: 'Details',
  },
  total: '{{count}} entries',
  next: 'Next page',
  previous: 'Previous page',
  empty: 'Nothing matches',
  retention: 'The access log can only grow: entries cannot be changed or deleted, and are kept at least 180 days.',
  loadFailed: 'Could not load: {{message}}',
};

export default auditEn;
