// Simplified Chinese for administration: communities, organizations and user accounts.
// Registered under the `admin` key of the translation namespace (see ./index.ts).
const adminZhCN = {
  nav: '系统管理',
  communities: {
    title: '社区',
    create: '新建社区',
    created: '社区已创建',
    code: '编号',
    codeHelp: '事项编号前缀，如 CS → CS-2026-0007',
    name: '名称',
    district: '所属街道/区',
    v: { code: '请输入 1–10 位字母或数字，以字母开头', name: '请输入名称' },
  },
  organizations: {
    title: '组织',
    create: '新建组织',
    created: '组织已创建',
    name: '名称',
    kind: '类型',
    community: '所属社区',
    served: '服务社区',
    v: { name: '请输入名称', kind: '请选择类型', community: '请选择社区', served: '请至少选择一个社区' },
  },
  users: {
    title: '用户',
    create: '新建用户',
    created: '用户已创建',
    username: '登录名',
    displayName: '姓名',
    role: '角色',
    organization: '所属组织',
    password: '初始密码',
    active: '启用',
    activated: '账号已启用',
    deactivated: '账号已停用，已退出所有登录',
    resetPassword: '重置密码',
    newPassword: '新密码',
    passwordReset: '密码已重置，已退出所有登录',
    filterAll: '全部组织',
    v: {
      username: '3–32 位字母、数字、点、横线或下划线',
      displayName: '请输入姓名',
      role: '请选择角色',
      organization: '请选择组织',
      password: '密码至少 10 位',
    },
  },
  submit: '保存',
  cancel: '取消',
};

export default adminZhCN;
export type AdminResources = typeof adminZhCN;
