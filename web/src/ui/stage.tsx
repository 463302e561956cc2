import type { KeyboardEvent, ReactNode } from 'react';
import { App, type ButtonProps } from 'antd';
import { useTranslation } from 'react-i18next';

/**
 * Forms that end a stage (outcome, follow-up, 司法确认) submit only by their button: Enter in one
 * of their fields (a term's date, an amount) must not record anything. Text areas keep Enter.
 */
export function blockEnterSubmit(event: KeyboardEvent<HTMLElement>): void {
  if (event.key === 'Enter' && (event.target as HTMLElement).tagName === 'INPUT') event.preventDefault();
}

/** Asks before a stage-ending record is written, showing what will be recorded. */
export function useStageConfirm() {
  const { modal } = App.useApp();
  const { t } = useTranslation();
  return (title: string, summary: ReactNode, onOk: () => unknown) =>
    modal.confirm({
      title,
      width: 560,
      content: <div data-testid="stage-confirm-summary">{summary}</div>,
      okText: t('lifecycle.stage.confirm'),
      cancelText: t('lifecycle.stage.back'),
      okButtonProps: { 'data-testid': 'stage-confirm-ok' } as ButtonProps,
      cancelButtonProps: { 'data-testid': 'stage-confirm-cancel' } as ButtonProps,
      onOk: async () => {
        await onOk();
      },
    });
}
