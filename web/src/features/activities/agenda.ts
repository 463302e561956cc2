import type { TFunction } from 'i18next';
import type { AgendaSuggestionsQuery } from '../../gql/graphql';

type Suggestion = Pick<AgendaSuggestionsQuery['deliberationAgendaSuggestions'][number], 'grouping' | 'key' | 'location' | 'category' | 'matterCount'>;

/**
 * "昌盛小区 2号楼：3 件事项" / "Elevator installation: 3 matters" — an agenda suggestion in the
 * reader's language, from its structured fields (the api's `label` is Chinese only).
 */
export function agendaSuggestionTitle(t: TFunction, s: Suggestion): string {
  if (s.grouping === 'CATEGORY') {
    return t('lifecycle.activities.suggestionTitle.CATEGORY', { category: t(`enums.MatterCategory.${s.category ?? s.key}`), count: s.matterCount });
  }
  return t('lifecycle.activities.suggestionTitle.LOCATION', { location: s.location ?? s.key, count: s.matterCount });
}
