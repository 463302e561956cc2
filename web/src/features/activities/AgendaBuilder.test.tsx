import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MockedProvider } from '@apollo/client/testing/react';
import { MemoryRouter } from 'react-router';
import { setLanguage } from '../../i18n';
import { AgendaSuggestionsQuery } from '../../graphql/lifecycle.operations';
import { renderZh } from '../../test/render';
import { AgendaBuilder } from './ActivitiesPage';

const matter = (id: string, reference: string, category: string, location: string) => ({
  __typename: 'Matter' as const,
  id,
  reference,
  title: `${location} 事项`,
  status: 'REPORTED',
  category,
  location,
});

// What the api answers: the Chinese `label` is no longer asked for; location / category / matterCount are.
const suggestions = [
  {
    __typename: 'AgendaSuggestion' as const,
    grouping: 'CATEGORY',
    key: 'NEIGHBOR',
    location: null,
    category: 'NEIGHBOR',
    matterCount: 3,
    openCount: 2,
    matters: [matter('m2', 'CS-2026-0002', 'NEIGHBOR', '昌盛小区 2号楼'), matter('m3', 'CS-2026-0003', 'NEIGHBOR', '昌盛小区 5号楼'), matter('m4', 'CS-2026-0004', 'NEIGHBOR', '和平小区 5号楼')],
  },
  {
    __typename: 'AgendaSuggestion' as const,
    grouping: 'LOCATION',
    key: '昌盛小区 2号楼',
    location: '昌盛小区 2号楼',
    category: null,
    matterCount: 2,
    openCount: 2,
    matters: [matter('m1', 'CS-2026-0001', 'ELEVATOR_INSTALLATION', '昌盛小区 2号楼'), matter('m2', 'CS-2026-0002', 'NEIGHBOR', '昌盛小区 2号楼')],
  },
];

function renderBuilder(onBuild = vi.fn()) {
  renderZh(
    <MemoryRouter>
      <MockedProvider mocks={[{ request: { query: AgendaSuggestionsQuery }, result: { data: { deliberationAgendaSuggestions: suggestions } } }]}>
        <AgendaBuilder onBuild={onBuild} />
      </MockedProvider>
    </MemoryRouter>,
  );
  return onBuild;
}

afterEach(() => setLanguage('zh-CN'));

describe('AgendaBuilder', () => {
  it('words each suggestion in Chinese from its building or category and its number of matters', async () => {
    setLanguage('zh-CN');
    renderBuilder();
    const titles = await screen.findAllByTestId('agenda-suggestion-title');
    expect(titles.map((e) => e.textContent)).toEqual(['邻里：3 件事项', '昌盛小区 2号楼：2 件事项']);
  });

  it('words them in English — no Chinese sentence from the api — and builds the agenda with the same words', async () => {
    setLanguage('en');
    const onBuild = renderBuilder();
    const titles = await screen.findAllByTestId('agenda-suggestion-title');
    // The building's name is data and stays as written; the sentence around it is English.
    expect(titles.map((e) => e.textContent)).toEqual(['Neighbours: 3 matters', '昌盛小区 2号楼: 2 matters']);
    expect(screen.getByTestId('agenda-builder')).not.toHaveTextContent('件事项');

    const boxes = screen.getAllByTestId('agenda-suggestion');
    await userEvent.click(boxes[0]!);
    await userEvent.click(boxes[1]!);
    await userEvent.click(screen.getByTestId('build-agenda'));
    await waitFor(() => expect(onBuild).toHaveBeenCalledTimes(1));
    const plan = onBuild.mock.calls[0]![0] as { agenda: string; matterIds: string[] };
    expect(plan.agenda.split('\n')).toEqual([
      '1. Neighbours: 3 matters (CS-2026-0002, CS-2026-0003, CS-2026-0004)',
      '2. 昌盛小区 2号楼: 2 matters (CS-2026-0001, CS-2026-0002)',
    ]);
    expect(plan.matterIds.sort()).toEqual(['m1', 'm2', 'm3', 'm4']);
  }, 60_000);
});
