import en from './labels.en.json';
import zhCN from './labels.zh-CN.json';

/**
 * The words for enum values and export headers, in both languages. One place for the api (exports)
 * and the web console (web/src/i18n imports the same JSON), so a file reads like the screen.
 */
export const LABELS = { 'zh-CN': zhCN, en } as const;
export type LabelLanguage = keyof typeof LABELS;
export type Labels = (typeof LABELS)['zh-CN'];

/** The label of an enum value (`MatterKind`, `DISPUTE` → 矛盾纠纷); the value itself when unknown. */
export function enumLabel(language: LabelLanguage, enumName: string, value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const table = (LABELS[language].enums as Record<string, Record<string, string> | undefined>)[enumName];
  return table?.[value] ?? value;
}
