'use client';

import Link from 'next/link';
import { useQuery } from 'urql';
import { entityHref, graphHref } from '@/chat/routes';
import { useI18n } from '@/i18n/i18n-provider';
import { queryPending } from '@/components/query-pending';
import { EntityQuery, SimilarEntitiesQuery } from './documents';
import { EntityAdmin } from './entity-admin';
import { groupRelationships } from './relationship-groups';

/** Entity page: aliases, attributes, relationships by direction and type, resources, usage, history. */
export function EntityView({ id }: { id: string }) {
  const { t, locale } = useI18n();
  const [{ data, error, fetching }, reexecute] = useQuery({ query: EntityQuery, variables: { id } });
  const [similar] = useQuery({ query: SimilarEntitiesQuery, variables: { id, first: 8 } });
  const date = (value: string) => new Date(value).toLocaleString(locale);
  const pending = queryPending({ data, error, fetching }, t);
  if (pending) return pending;
  const entity = data?.entity;
  if (!entity) return <p role="alert">{t('entity.notFound')}</p>;
  const groups = groupRelationships(
    entity.id,
    entity.relationships.edges.map((e) => e.node),
  );
  return (
    <article className="page entity-page" aria-labelledby="entity-title">
      <header className="entity-header">
        <div>
          <h1 id="entity-title">{entity.name}</h1>
          <p className="muted">
            <span className="badge">{entity.type}</span> <span className="mono">{entity.key}</span>{' '}
            <span className={`badge state-${entity.state.toLowerCase()}`}>{entity.state}</span>{' '}
            {t('entity.version', { version: entity.version })}
          </p>
        </div>
        <Link className="button" href={graphHref(entity.id)}>
          {t('entity.neighbourhood')}
        </Link>
      </header>
      <div className="entity-grid">
        <section aria-labelledby="aliases-title" className="card">
          <h2 id="aliases-title">{t('entity.aliases')}</h2>
          {entity.aliases.length === 0 ? (
            <p className="muted">{t('entity.none')}</p>
          ) : (
            <ul className="chips">
              {entity.aliases.map((a) => (
                <li key={a}>{a}</li>
              ))}
            </ul>
          )}
        </section>
        <section aria-labelledby="usage-title" className="card">
          <h2 id="usage-title">{t('entity.usage')}</h2>
          <p>
            {t('entity.usageCount', { count: entity.usage.count })}
            {entity.usage.lastAccessed
              ? ` · ${t('entity.lastUsed', { date: date(entity.usage.lastAccessed) })}`
              : ''}
          </p>
        </section>
        <section aria-labelledby="attributes-title" className="card wide">
          <h2 id="attributes-title">{t('entity.attributes')}</h2>
          {entity.attributes.length === 0 ? (
            <p className="muted">{t('entity.none')}</p>
          ) : (
            <dl className="attributes">
              {entity.attributes.map((a) => (
                <div key={a.name}>
                  <dt>{a.name}</dt>
                  <dd>{a.values.join(', ')}</dd>
                </div>
              ))}
            </dl>
          )}
        </section>
        <section aria-labelledby="relationships-title" className="card wide">
          <h2 id="relationships-title">{t('entity.relationships')}</h2>
          {groups.length === 0 ? <p className="muted">{t('entity.none')}</p> : null}
          {groups.map((g) => (
            <div key={`${g.direction}:${g.type}`} className="relationship-group">
              <h3>
                {g.direction === 'out' ? t('entity.outgoing') : t('entity.incoming')} ·{' '}
                <span className="mono">{g.type}</span>
              </h3>
              <ul>
                {g.rows.map((r) => (
                  <li key={r.id}>
                    {r.other ? <Link href={entityHref(r.other.id)}>{r.other.name}</Link> : t('entity.hidden')}{' '}
                    <span className="muted">
                      {t('entity.weight', { weight: r.weight.toFixed(2) })} ·{' '}
                      <span className="mono">{r.path}</span>
                    </span>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </section>
        <section aria-labelledby="resources-title" className="card">
          <h2 id="resources-title">{t('entity.resources')}</h2>
          {entity.resources.length === 0 ? (
            <p className="muted">{t('entity.none')}</p>
          ) : (
            <ul>
              {entity.resources.map((r) => (
                <li key={r.resource.id}>
                  <a href={r.resource.uri} rel="noopener noreferrer" target="_blank">
                    {r.resource.title ?? r.resource.uri}
                  </a>{' '}
                  <span className="muted">{t('entity.confidence', { value: r.confidence.toFixed(2) })}</span>
                </li>
              ))}
            </ul>
          )}
        </section>
        <section aria-labelledby="similar-title" className="card">
          <h2 id="similar-title">{t('entity.similar')}</h2>
          {similar.data && similar.data.similarEntities.length === 0 ? (
            <p className="muted">{t('entity.none')}</p>
          ) : null}
          <ul>
            {similar.data?.similarEntities.map((hit) => (
              <li key={hit.entity.id}>
                <Link href={entityHref(hit.entity.id)}>{hit.entity.name}</Link>{' '}
                <span className="muted">{hit.score.toFixed(3)}</span>
              </li>
            ))}
          </ul>
        </section>
        <section aria-labelledby="versions-title" className="card wide">
          <h2 id="versions-title">{t('entity.versions')}</h2>
          <ol className="versions">
            {entity.versions.map((v) => (
              <li key={v.version}>
                <strong>v{v.version}</strong> {v.change} <span className="muted">{date(v.createdAt)}</span>
              </li>
            ))}
          </ol>
        </section>
      </div>
      {data?.viewer?.isAdmin ? (
        <EntityAdmin
          key={entity.id}
          entity={entity}
          onChanged={() => reexecute({ requestPolicy: 'network-only' })}
        />
      ) : null}
    </article>
  );
}
