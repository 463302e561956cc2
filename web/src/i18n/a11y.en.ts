import type { A11yResources } from './a11y.zh-CN';

const a11yEn: A11yResources = {
  skipToMain: 'Skip to main content',
  mainNav: 'Main navigation',
  userActive: 'Account of {{name}} active',
  agendaPick: 'Add to the agenda: {{title}}',
  elder: {
    label: 'Easy reading',
    hint: 'Larger text, stronger contrast',
    intro: 'Something troubling you? Write it down here. The community will see it and contact you. You get a tracking code to see how far it has got.',
  },
  public: {
    codeSpelled: 'Tracking code: {{spelled}}',
    statusSentence: {
      REPORTED: 'The community has received matter {{reference}}. Someone will look into it soon and contact you.',
      ASSESSING: 'The community is looking into matter {{reference}} and working out how to help.',
      MEDIATING: 'For matter {{reference}}, the community has asked the judicial office, lawyers and others to mediate with you.',
      RESOLVED: 'Matter {{reference}} has been settled. The community will call on you later to ask if you are satisfied.',
      ESCALATED: 'Matter {{reference}} must be handled by the competent authority; the community has passed it on for you.',
      WITHDRAWN: 'Matter {{reference}} was withdrawn and is no longer being handled. You can report again at any time.',
      CLOSED: 'Matter {{reference}} is finished. Thank you for your trust.',
    },
  },
  live: {
    invitation: 'New invitation: {{text}}',
  },
};

export default a11yEn;
