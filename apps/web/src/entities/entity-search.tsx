'use client';

import Link from 'next/link';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useId, useState, type FormEvent } from 'react';
import { useQuery } from 'urql';
import { entityHref } from '@/chat/routes';
import { useI18n } from '@/i18n/i18n-provider';
import { TableScroll } from '@/components/table-scroll';
import { DEDUP_QUEUE_PATH } from './dedup-decisions';
import { SearchEntitiesQuery, ViewerRoleQuery } from './documents';

/** Search box and hits: exact name/alias matches first, then nearest by embedding. */
export function EntitySearch() {
  const { t } = useI18n();
  const id = useId();
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const query = params.get('q') ?? '';
  const [text, setText] = useState(query);
  const [{ data, fetching, error }] = useQuery({
    query: SearchEntitiesQuery,
    variables: { text: query, first: 20 },
    pause: query.trim() === '',
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    router.push(`${pathname}?q=${encodeURIComponent(text.trim())}`);
  };
  const [viewer] = useQuery({ query: ViewerRoleQuery });
  const hits = data?.searchEntities ?? [];
  return (
    <section aria-labelledby="explorer-title" className="page">
      <h1 id="explorer-title">{t('explorer.title')}</h1>
      {viewer.data?.viewer?.isAdmin ? (
        <p>
          <Link href={DEDUP_QUEUE_PATH}>{t('explorer.reviewDuplicates')}</Link>
        </p>
      ) : null}
      <form role="search" className="search-form" onSubmit={submit}>
        <label htmlFor={id}>{t('explorer.searchLabel')}</label>
        <input
          id={id}
          type="search"
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder={t('explorer.searchPlaceholder')}
          data-testid="entity-search-input"
        />
        <button type="submit" className="button primary">
          {t('explorer.search')}
        </button>
      </form>
      {error ? (
        <p role="alert" className="error-text">
          {t('common.loadFailed')}
        </p>
      ) : null}
      {fetching ? <p className="muted">{t('common.loading')}</p> : null}
      {query && data && hits.length === 0 ? <p>{t('explorer.noHits')}</p> : null}
      {hits.length > 0 ? (
        <TableScroll label={t('explorer.results')}>
          <table className="table" data-testid="search-results">
            <caption className="visually-hidden">{t('explorer.results')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('entity.name')}</th>
                <th scope="col">{t('entity.type')}</th>
                <th scope="col">{t('explorer.match')}</th>
                <th scope="col">{t('explorer.score')}</th>
              </tr>
            </thead>
            <tbody>
              {hits.map((hit) => (
                <tr key={hit.entity.id}>
                  <td>
                    <Link href={entityHref(hit.entity.id)}>{hit.entity.name}</Link>
                    <div className="muted mono">{hit.entity.key}</div>
                  </td>
                  <td>{hit.entity.type}</td>
                  <td>
                    <span className="badge">
                      {hit.matchedBy === 'ALIAS' ? t('explorer.matchExact') : t('explorer.matchSimilar')}
                    </span>
                  </td>
                  <td className="num">{hit.score.toFixed(3)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : null}
    </section>
  );
}
