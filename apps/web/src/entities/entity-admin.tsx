'use client';

import Link from 'next/link';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { entityHref } from '@/chat/routes';
import type { EntityState } from '@/gql/graphql';
import { errorCode } from '@/graphql/error-code';
import { useI18n } from '@/i18n/i18n-provider';
import { DEDUP_QUEUE_PATH } from './dedup-decisions';
import { DedupReview, type MergeDone } from './dedup-review';
import { MergeEntitiesMutation, UpdateEntityMutation } from './documents';

interface AdminEntity {
  id: string;
  key: string;
  name: string;
  type: string;
  state: EntityState;
  aliases: string[];
  version: number;
}

/** `?merged=<mergeId>`: this entity just absorbed the page we came from (see onMerged below). */
const MERGED_PARAM = 'merged';

/** Admin tools of the entity page: edit (version-guarded), merge, the entity's pending duplicates. */
export function EntityAdmin({ entity, onChanged }: { entity: AdminEntity; onChanged: () => void }) {
  const { t } = useI18n();
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const [mergedHere] = useState(() => {
    const mergeId = Number(params.get(MERGED_PARAM));
    const kept = { id: entity.id, key: entity.key, name: entity.name, type: entity.type };
    return Number.isSafeInteger(mergeId) && mergeId > 0 ? { mergeId, kept } : undefined;
  });
  // The Undo lives in the review list's state from now on; a reload must not offer it again.
  useEffect(() => {
    if (mergedHere) router.replace(pathname);
  }, [mergedHere, router, pathname]);
  const ids = { name: useId(), type: useId(), state: useId(), aliases: useId(), merge: useId() };
  const [name, setName] = useState(entity.name);
  const [type, setType] = useState(entity.type);
  const [state, setState] = useState<EntityState>(entity.state);
  const [aliases, setAliases] = useState(entity.aliases.join(', '));
  const [mergeId, setMergeId] = useState('');
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  const [, update] = useMutation(UpdateEntityMutation);
  const [, merge] = useMutation(MergeEntitiesMutation);

  // Merged away into the other entity of the pair: follow it there, where the Undo is offered.
  const followMerge = (done: MergeDone) => {
    if (done.kept && done.kept.id !== entity.id && done.mergeId !== null)
      router.push(`${entityHref(done.kept.id)}?${MERGED_PARAM}=${done.mergeId}`);
  };

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
        ? { ok: false, text: t('admin.failed', { code: errorCode(result.error) }) }
        : { ok: true, text: t('admin.saved') },
    );
    onChanged();
  };

  const mergeInto = async (otherId: string) => {
    const result = await merge({ keep: entity.id, merge: [otherId] });
    if (result.error) {
      setNotice({ ok: false, text: t('admin.failed', { code: errorCode(result.error) }) });
      return;
    }
    setNotice({ ok: true, text: t('admin.merged') });
    onChanged();
    router.refresh();
  };

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
        <h3>{t('dedup.title')}</h3>
        <p>
          <Link href={DEDUP_QUEUE_PATH}>{t('dedup.openQueue')}</Link>
        </p>
        <DedupReview
          entityId={entity.id}
          pageSize={100}
          scanPages={5}
          mergedHere={mergedHere}
          onMerged={followMerge}
        />
      </div>
    </section>
  );
}
