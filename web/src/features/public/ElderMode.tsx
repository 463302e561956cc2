import { useId, useSyncExternalStore } from 'react';
import { Space, Switch } from 'antd';
import { useTranslation } from 'react-i18next';

// 长辈模式 for the resident pages (MIIT 适老化 rules): larger type, taller controls, stronger
// contrast, wider line spacing, one column and plainer words. The choice is remembered on the
// device, so a grandparent who turned it on finds it on the next visit.

const KEY = 'sst.elderMode';
const listeners = new Set<() => void>();

function read(): boolean {
  try {
    return localStorage.getItem(KEY) === 'on';
  } catch {
    return false;
  }
}

export function setElderMode(on: boolean) {
  try {
    if (on) localStorage.setItem(KEY, 'on');
    else localStorage.removeItem(KEY);
  } catch {
    // Private browsing without storage: the switch still works for this visit.
  }
  current = on;
  for (const listener of listeners) listener();
}

let current = read();

export function useElderMode(): boolean {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => current,
  );
}

/** The switch, with its visible name beside it. */
export function ElderModeSwitch() {
  const { t } = useTranslation();
  const on = useElderMode();
  const id = useId();
  return (
    <Space size={8} className="elder-switch">
      <Switch checked={on} onChange={setElderMode} aria-labelledby={id} aria-describedby={`${id}-hint`} data-testid="elder-mode" />
      <span id={id} className="elder-switch-label" onClick={() => setElderMode(!on)}>{t('a11y.elder.label')}</span>
      <span id={`${id}-hint`} className="sr-only">{t('a11y.elder.hint')}</span>
    </Space>
  );
}

/** ABCDEFGHJK → ['ABCD', 'EFGH', 'JK']: short groups are easier to read out and copy down. */
export function groupCode(code: string): string[] {
  return code.match(/.{1,4}/g) ?? [];
}
