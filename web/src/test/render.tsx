import type { ReactElement } from 'react';
import { App, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { render } from '@testing-library/react';

/** Renders a component the way the console does: antd in zh-CN inside its App context. */
export function renderZh(ui: ReactElement) {
  return render(
    <ConfigProvider locale={zhCN}>
      <App>{ui}</App>
    </ConfigProvider>,
  );
}
