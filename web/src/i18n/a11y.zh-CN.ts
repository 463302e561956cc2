// 无障碍与长辈模式的文字 (issue 15).
const a11yZhCN = {
  skipToMain: '跳到主要内容',
  mainNav: '主导航',
  userActive: '{{name}} 的账号已启用',
  agendaPick: '选入议程：{{title}}',
  elder: {
    label: '长辈模式',
    hint: '字更大、对比更强',
    intro: '有烦心事，在这里写下来就行。社区看到后会联系您。写完会给您一个查询码，凭它可以看办到哪一步了。',
  },
  public: {
    codeSpelled: '查询码：{{spelled}}',
    statusSentence: {
      REPORTED: '事项 {{reference}} 社区已经收到了，工作人员会尽快了解情况，再和您联系。',
      ASSESSING: '事项 {{reference}} 社区工作人员正在了解情况，商量怎么帮您解决。',
      MEDIATING: '事项 {{reference}} 社区正在请司法所、律师等专业人员一起帮您调解。',
      RESOLVED: '事项 {{reference}} 已经调解好了，社区之后会回访，问问您是否满意。',
      ESCALATED: '事项 {{reference}} 需要由有关部门依法处理，社区已经帮您转过去了。',
      WITHDRAWN: '事项 {{reference}} 已经撤回，社区不再办理。有需要可以重新说事。',
      CLOSED: '事项 {{reference}} 已经办完了。谢谢您的信任。',
    },
  },
  live: {
    invitation: '新的联调邀请：{{text}}',
  },
};

export default a11yZhCN;
export type A11yResources = typeof a11yZhCN;
