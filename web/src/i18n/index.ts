import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import 'dayjs/locale/en';
import relativeTime from 'dayjs/plugin/relativeTime';
import localizedFormat from 'dayjs/plugin/localizedFormat';
import zhCN from './zh-CN';
import en from './en';
import lifecycleZhCN from './lifecycle.zh-CN';
import lifecycleEn from './lifecycle.en';
import adminZhCN from './admin.zh-CN';
import adminEn from './admin.en';
import { attachmentsEn, attachmentsZhCN } from '../features/attachments/attachments.i18n';
import accountZhCN from './account.zh-CN';
import accountEn from './account.en';
import auditZhCN from './audit.zh-CN';
import auditEn from './audit.en';
import a11yZhCN from './a11y.zh-CN';
import a11yEn from './a11y.en';

dayjs.extend(relativeTime);
dayjs.extend(localizedFormat);

export type Language = 'zh-CN' | 'en';
const LANGUAGE_KEY = 'sst.language';

function storedLanguage(): Language {
  const value = typeof localStorage === 'undefined' ? null : localStorage.getItem(LANGUAGE_KEY);
  return value === 'en' ? 'en' : 'zh-CN';
}

function applyDayjsLocale(language: Language) {
  dayjs.locale(language === 'en' ? 'en' : 'zh-cn');
}

const initial = storedLanguage();
applyDayjsLocale(initial);
// Screen readers pick their voice from <html lang>: it follows the chosen language from the start.
if (typeof document !== 'undefined') document.documentElement.lang = initial;

void i18n.use(initReactI18next).init({
  resources: {
    'zh-CN': { translation: { ...zhCN, lifecycle: lifecycleZhCN, admin: adminZhCN, attachments: attachmentsZhCN, account: accountZhCN, audit: auditZhCN, a11y: a11yZhCN } },
    en: { translation: { ...en, lifecycle: lifecycleEn, admin: adminEn, attachments: attachmentsEn, account: accountEn, audit: auditEn, a11y: a11yEn } },
  },
  lng: initial,
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false },
  initAsync: false,
});

export function setLanguage(language: Language) {
  localStorage.setItem(LANGUAGE_KEY, language);
  applyDayjsLocale(language);
  void i18n.changeLanguage(language);
  document.documentElement.lang = language;
}

/**
 * One date format across the console (lists, detail pages, timelines, forms): the locale's
 * numeric date and a 24-hour time — 2026/12/01 11:23 in Chinese, 12/01/2026 11:23 in English.
 * No 上午/中午/下午 words, which read oddly for office hours (11:23 is not 中午).
 */
export function formatDateTime(value: string | null | undefined): string {
  return value ? dayjs(value).format('L HH:mm') : '—';
}

/** Kept for the lists that import it: the same format as formatDateTime. */
export const formatDateTimeShort = formatDateTime;

/** A calendar date alone, in the same numeric form (2026/12/01 / 12/01/2026). */
export function formatDate(value: string | null | undefined): string {
  return value ? dayjs(value).format('L') : '—';
}

export default i18n;
