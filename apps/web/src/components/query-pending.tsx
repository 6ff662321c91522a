import type { ReactNode } from 'react';
import type { useI18n } from '@/i18n/i18n-provider';

/** The parts of a urql result that say whether a page has anything to show yet. */
interface QueryProgress {
  data?: unknown;
  error?: unknown;
  fetching: boolean;
}

/**
 * What a page shows while its query has no data yet: an alert when it failed, a loading line while
 * it runs. Null once there is data (even stale), so every page fails and waits the same way.
 */
export function queryPending(
  { data, error, fetching }: QueryProgress,
  t: ReturnType<typeof useI18n>['t'],
): ReactNode {
  if (error && !data)
    return (
      <p role="alert" className="error-text">
        {t('common.loadFailed')}
      </p>
    );
  if (fetching && !data) return <p className="muted">{t('common.loading')}</p>;
  return null;
}
