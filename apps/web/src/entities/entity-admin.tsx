'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useId, useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { entityHref } from '@/chat/routes';
import type { EntityState } from '@/gql/graphql';
import { useI18n } from '@/i18n/i18n-provider';
import { MergeEntitiesMutation, UpdateEntityMutation } from './documents';
import { DUPLICATE_THRESHOLD, useDedupDecisions } from './dedup-decisions';

interface AdminEntity {
  id: string;
  name: string;
  type: string;
  state: EntityState;
  aliases: string[];
  version: number;
}

interface Candidate {
  score: number;
  entity: { id: string; name: string; type: string; key: string };
}

/** Admin tools of the entity page: edit (version-guarded), merge, duplicate review. */
export function EntityAdmin({
  entity,
  candidates,
  onChanged,
}: {
  entity: AdminEntity;
  candidates: readonly Candidate[];
  onChanged: () => void;
}) {
  const { t } = useI18n();
  const router = useRouter();
  const ids = { name: useId(), type: useId(), state: useId(), aliases: useId(), merge: useId() };
  const [name, setName] = useState(entity.name);
  const [type, setType] = useState(entity.type);
  const [state, setState] = useState<EntityState>(entity.state);
  const [aliases, setAliases] = useState(entity.aliases.join(', '));
  const [mergeId, setMergeId] = useState('');
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  const [, update] = useMutation(UpdateEntityMutation);
  const [, merge] = useMutation(MergeEntitiesMutation);
  const { decisionOf, decide } = useDedupDecisions(entity.id);

  const codeOf = (error: { graphQLErrors: { extensions: Record<string, unknown> }[]; message: string }) =>
    String(error.graphQLErrors[0]?.extensions.code ?? error.message);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const result = await update({
      id: entity.id,
      expectedVersion: entity.version,
      patch: {
        name: name.trim(),
        type: type.trim(),
        state,
        aliases: aliases
          .split(',')
          .map((a) => a.trim())
          .filter(Boolean),
      },
    });
    setNotice(
      result.error
        ? { ok: false, text: t('admin.failed', { code: codeOf(result.error) }) }
        : { ok: true, text: t('admin.saved') },
    );
    onChanged();
  };

  const mergeInto = async (otherId: string) => {
    const result = await merge({ keep: entity.id, merge: [otherId] });
    if (result.error) {
      setNotice({ ok: false, text: t('admin.failed', { code: codeOf(result.error) }) });
      return;
    }
    decide(otherId, 'merged');
    setNotice({ ok: true, text: t('admin.merged') });
    onChanged();
    router.refresh();
  };

  const duplicates = candidates.filter((c) => c.score >= DUPLICATE_THRESHOLD && c.entity.id !== entity.id);

  return (
    <section className="card admin" aria-labelledby="admin-title">
      <h2 id="admin-title">{t('admin.title')}</h2>
      {notice ? (
        <p role="status" className={notice.ok ? 'ok-text' : 'error-text'}>
          {notice.text}
        </p>
      ) : null}
      <form className="admin-form" onSubmit={(e) => void save(e)}>
        <h3>{t('admin.edit')}</h3>
        <label htmlFor={ids.name}>{t('entity.name')}</label>
        <input id={ids.name} value={name} onChange={(e) => setName(e.target.value)} required />
        <label htmlFor={ids.type}>{t('entity.type')}</label>
        <input id={ids.type} value={type} onChange={(e) => setType(e.target.value)} required />
        <label htmlFor={ids.state}>{t('entity.state')}</label>
        <select id={ids.state} value={state} onChange={(e) => setState(e.target.value as EntityState)}>
          <option value="ACTIVE">{t('entity.stateActive')}</option>
          <option value="INACTIVE">{t('entity.stateInactive')}</option>
          <option value="ARCHIVED">{t('entity.stateArchived')}</option>
        </select>
        <label htmlFor={ids.aliases}>{t('admin.aliasesHint')}</label>
        <input id={ids.aliases} value={aliases} onChange={(e) => setAliases(e.target.value)} />
        <button type="submit" className="button primary">
          {t('admin.save')}
        </button>
      </form>
      <form
        className="admin-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (mergeId.trim()) void mergeInto(mergeId.trim());
        }}
      >
        <h3>{t('admin.merge')}</h3>
        <label htmlFor={ids.merge}>{t('admin.mergeId')}</label>
        <input id={ids.merge} value={mergeId} onChange={(e) => setMergeId(e.target.value)} className="mono" />
        <button type="submit" className="button">
          {t('admin.mergeButton')}
        </button>
      </form>
      <div className="dedup">
        <h3>{t('admin.dedup')}</h3>
        {duplicates.length === 0 ? <p className="muted">{t('admin.noDuplicates')}</p> : null}
        <ul>
          {duplicates.map((c) => {
            const decision = decisionOf(c.entity.id);
            return (
              <li key={c.entity.id} className="dedup-row">
                <Link href={entityHref(c.entity.id)}>{c.entity.name}</Link>{' '}
                <span className="muted">
                  {c.entity.type} · {c.score.toFixed(3)}
                </span>{' '}
                {decision ? (
                  <span className="badge">
                    {decision === 'merged' ? t('admin.decisionMerged') : t('admin.decisionDistinct')}
                  </span>
                ) : (
                  <>
                    <button
                      type="button"
                      className="button small"
                      onClick={() => void mergeInto(c.entity.id)}
                    >
                      {t('admin.mergeButton')}
                    </button>
                    <button
                      type="button"
                      className="button small ghost"
                      onClick={() => decide(c.entity.id, 'distinct')}
                    >
                      {t('admin.keepSeparate')}
                    </button>
                  </>
                )}
              </li>
            );
          })}
        </ul>
      </div>
    </section>
  );
}
