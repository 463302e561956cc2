import type { ThemeConfig } from 'antd';

// The console's Ant Design theme, tuned for WCAG 2.1 AA (GB/T 37668): every text colour reaches
// 4.5:1 on the white and light-grey surfaces it is drawn on. Ant Design's defaults do not — its
// secondary/description grey (#8c8c8c) is 3.4:1, its link blue 4.1:1, its preset tag texts
// (green, gold, orange, cyan…) 2.8–3.4:1 on their own tinted backgrounds, its placeholder grey
// 1.8:1. Fixing it here, once, is what keeps every page — and every page added later — readable;
// `tests/browser/accessibility.test.ts` measures the result with axe-core.
//
// Ratios on white (and on #f5f5f5) of the values below:
//   text tertiary/description rgba(0,0,0,.62) 6.2:1 (6.0) · placeholder/disabled rgba(0,0,0,.56) 4.9:1 (4.8)
//   link/info #0958d9 6.2:1 · error #cf1322 5.6:1 · success text #237804 5.6:1 · warning text #ad4e00 5.4:1
//   primary #b22222 6.7:1 (white on it, likewise)

/** Darker shades for the preset tag texts, each ≥ 4.5:1 on its own tint (palette 1). */
const TAG_TEXT = {
  volcano: '#ad2102', // 6.4:1 on #fff2e8
  orange: '#ad4e00', // 5.1:1 on #fff7e6
  gold: '#874d00', // 6.5:1 on #fffbe6
  yellow: '#876800', // 5.2:1 on #feffe6
  lime: '#3f6600', // 6.6:1 on #fcffe6
  green: '#237804', // 5.4:1 on #f6ffed
  cyan: '#006d75', // 5.8:1 on #e6fffb
  // red 5.1, blue 5.5, geekblue 7.9, purple 8.9, magenta 5.0: Ant Design's own are enough.
};

// Both spellings of the palette token (`green7` and `green-7`) become the one CSS variable
// `--ant-green-7`; the later one wins, so both are set.
const tagTextTokens = Object.fromEntries(
  Object.entries(TAG_TEXT).flatMap(([color, value]) => [[`${color}7`, value], [`${color}-7`, value]]),
) as Partial<NonNullable<ThemeConfig['token']>>;

export const FOCUS_RING = '#0958d9';

export const consoleTheme: ThemeConfig = {
  token: {
    colorPrimary: '#b22222',
    colorLink: '#0958d9',
    // Ant Design lightens a link under the pointer (#579df2, 2.7:1); darker instead.
    colorLinkHover: '#003eb3',
    colorLinkActive: '#002c8c',
    colorInfo: '#0958d9',
    colorError: '#cf1322',
    colorSuccessText: '#237804',
    colorWarningText: '#ad4e00',
    colorErrorText: '#cf1322',
    colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
    colorTextDescription: 'rgba(0, 0, 0, 0.62)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.56)',
    colorTextDisabled: 'rgba(0, 0, 0, 0.56)',
    colorIcon: 'rgba(0, 0, 0, 0.62)',
    ...tagTextTokens,
  },
  components: {
    // Status tags (success / processing / warning / error) draw their text in the status colour
    // itself, which Ant Design keeps bright for icons and borders: darker text, same tint.
    Tag: { colorSuccess: '#237804', colorWarning: '#ad4e00', colorError: '#cf1322', colorInfo: '#0958d9' },
    Badge: { colorSuccess: '#237804', colorWarning: '#ad4e00' },
  },
};

/**
 * 长辈模式 on the resident pages (MIIT 适老化 rules): body text 18 px, controls 48 px tall (the
 * rules ask for at least 44), line spacing 1.6, near-black text and secondary text at 9:1.
 */
export const elderTheme: ThemeConfig = {
  token: {
    fontSize: 18,
    fontSizeSM: 16,
    fontSizeLG: 20,
    fontSizeHeading1: 32,
    fontSizeHeading2: 28,
    fontSizeHeading3: 26,
    lineHeight: 1.6,
    controlHeight: 48,
    controlHeightSM: 44,
    controlHeightLG: 56,
    colorText: 'rgba(0, 0, 0, 0.95)',
    colorTextSecondary: 'rgba(0, 0, 0, 0.85)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.8)',
    colorTextDescription: 'rgba(0, 0, 0, 0.8)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.65)',
    colorBorder: '#595959',
  },
  components: {
    Radio: { buttonPaddingInline: 20 },
    Switch: { trackHeight: 36, handleSize: 32, trackMinWidth: 72 },
    Segmented: { itemSelectedBg: '#fff' },
    Checkbox: { controlInteractiveSize: 24 },
  },
};
