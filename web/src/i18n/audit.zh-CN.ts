// 审计日志: the personal-data access log and the record of administrative changes (ADMIN, AUDITOR).
const auditZhCN = {
  nav: '审计日志',
  title: '审计日志',
  workbench: '审计员工作台',
  tabs: { pii: '个人信息访问', changes: '系统管理变更' },
  filters: {
    range: '时间范围',
    via: '访问途径',
    types: '操作类型',
    user: '用户',
    matter: '事项',
    actor: '操作人',
    clear: '清除筛选',
    byThisUser: '只看此用户',
    byThisMatter: '只看此事项',
  },
  export: { csv: '导出 CSV', xlsx: '导出 Excel', failed: '导出失败：{{message}}' },
  via: { QUERY: '查询', PUSH: '推送', EXPORT: '导出', PRINT: '打印', DOWNLOAD: '下载证据材料' },
  field: { phone: '联系电话', idNumber: '身份证号' },
  columns: {
    at: '时间',
    user: '用户',
    organization: '单位',
    matter: '事项',
    party: '当事人',
    field: '字段',
    via: '途径',
    ip: '客户端地址',
    type: '操作',
    actor: '操作人',
    details: '详情',
  },
  total: '共 {{count}} 条',
  next: '下一页',
  previous: '上一页',
  empty: '没有符合条件的记录',
  retention: '访问日志只能追加，不能修改或删除，至少保存 180 天。',
  loadFailed: '加载失败：{{message}}',
};

export type AuditResources = typeof auditZhCN;
export default auditZhCN;
