'use client';

import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useI18n } from '@/i18n/i18n-provider';

/** The question box: Enter sends, Shift+Enter adds a line. */
export function Composer({
  onSend,
  disabled,
}: {
  /** Resolves to false when the question was not accepted: the text stays for editing. */
  onSend: (text: string) => Promise<boolean>;
  disabled?: boolean;
}) {
  const { t } = useI18n();
  const id = useId();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    const question = text.trim();
    if (!question || busy || disabled) return;
    setBusy(true);
    try {
      if (await onSend(question)) setText('');
    } finally {
      setBusy(false);
    }
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey) void submit(event);
  };
  return (
    <form className="composer" onSubmit={(e) => void submit(e)}>
      <label htmlFor={id} className="visually-hidden">
        {t('chat.question')}
      </label>
      <textarea
        id={id}
        value={text}
        rows={2}
        placeholder={t('chat.placeholder')}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKeyDown}
        data-testid="composer-input"
      />
      <button type="submit" className="button primary" disabled={busy || disabled || text.trim() === ''}>
        {t('chat.send')}
      </button>
    </form>
  );
}
