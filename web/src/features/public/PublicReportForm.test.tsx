import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderZh } from '../../test/render';
import { PublicReportForm } from './PublicReportForm';

const community = [{ id: 'c1', name: '昌盛社区', district: '城区' }];

async function pickCategory(label: string) {
  await userEvent.click(screen.getByTestId('public-category').querySelector('.ant-select-content, .ant-select-selector') ?? screen.getByTestId('public-category'));
  const options = await screen.findAllByTitle(label);
  await userEvent.click(options[options.length - 1]!);
}

/** Fills a field in one input event (typing each character through antd is slow in jsdom). */
async function fill(element: Element, text: string) {
  await userEvent.click(element);
  await userEvent.paste(text);
}

describe('PublicReportForm', () => {
  it('requires consent, a category and a description of at least 10 characters', async () => {
    const onSubmit = vi.fn();
    renderZh(<PublicReportForm communities={community} onSubmit={onSubmit} />);
    expect(screen.getByTestId('public-consent-text')).toHaveTextContent('仅用于社区受理');
    await userEvent.click(screen.getByTestId('public-submit'));
    expect(await screen.findByText('请阅读并同意个人信息使用说明')).toBeInTheDocument();
    expect(await screen.findByText('请选择类别')).toBeInTheDocument();
    expect(await screen.findByText('请说明情况')).toBeInTheDocument();

    await fill(screen.getByTestId('public-description'), '楼道堆物');
    await fill(screen.getByTestId('public-phone'), '12345');
    await userEvent.click(screen.getByTestId('public-submit'));
    expect(await screen.findByText('请至少写 10 个字')).toBeInTheDocument();
    expect(await screen.findByText('请输入有效的电话号码')).toBeInTheDocument();
    expect(onSubmit).not.toHaveBeenCalled();
  }, 60_000);

  it('sends only what was filled in, with consent, anonymously if the resident wishes', async () => {
    const onSubmit = vi.fn();
    renderZh(<PublicReportForm communities={community} onSubmit={onSubmit} />);
    await pickCategory('邻里');
    await fill(screen.getByTestId('public-description'), '楼上每晚十一点后还在拖动家具，影响休息。');
    await fill(screen.getByTestId('public-location'), ' 昌盛小区 3号楼 ');
    await userEvent.click(screen.getByTestId('public-consent'));
    await userEvent.click(screen.getByTestId('public-submit'));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(onSubmit.mock.calls[0]![0]).toEqual({
      communityId: 'c1',
      kind: 'DEMAND',
      category: 'NEIGHBOR',
      location: '昌盛小区 3号楼',
      description: '楼上每晚十一点后还在拖动家具，影响休息。',
      name: undefined,
      phone: undefined,
      consent: true,
      photos: [],
    });
  }, 60_000);

  it('attaches photos with previews that have alt text, refuses what is not an image and stops at the limit', async () => {
    let n = 0;
    URL.createObjectURL = vi.fn(() => `blob:preview-${++n}`);
    URL.revokeObjectURL = vi.fn();
    const onSubmit = vi.fn();
    renderZh(<PublicReportForm communities={community} onSubmit={onSubmit} maxPhotos={2} />);
    expect(screen.getByLabelText('照片（可选）')).toHaveAttribute('accept', 'image/*');
    const image = (name: string) => new File([new Uint8Array([0xff, 0xd8, 0xff])], name, { type: 'image/jpeg' });
    const input = screen.getByTestId('public-photo-input') as HTMLInputElement;
    await userEvent.upload(input, [image('门口.jpg'), new File(['%PDF'], '合同.pdf', { type: 'application/pdf' })], { applyAccept: false });
    expect(await screen.findByText('合同.pdf 不是图片，未添加')).toBeInTheDocument();
    expect(screen.getByAltText('第 1 张照片预览：门口.jpg')).toBeInTheDocument();
    await userEvent.upload(input, [image('楼道.jpg'), image('第三张.jpg')]);
    expect(await screen.findByText('最多只能附 2 张照片')).toBeInTheDocument();
    expect(screen.getAllByTestId('public-photo-preview')).toHaveLength(2);
    await userEvent.click(screen.getByRole('button', { name: '移除照片 门口.jpg' }));
    expect(screen.getAllByTestId('public-photo-preview')).toHaveLength(1);

    await pickCategory('邻里');
    await fill(screen.getByTestId('public-description'), '楼道里堆满杂物，挡住了消防通道。');
    await userEvent.click(screen.getByTestId('public-consent'));
    await userEvent.click(screen.getByTestId('public-submit'));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect((onSubmit.mock.calls[0]![0] as { photos: File[] }).photos.map((f) => f.name)).toEqual(['楼道.jpg']);
  }, 60_000);
});
