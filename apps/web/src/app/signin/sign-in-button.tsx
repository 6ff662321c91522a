'use client';

import { signIn } from 'next-auth/react';
import { useState } from 'react';
import { useI18n } from '@/i18n/i18n-provider';

/** Starts the OAuth flow of one provider. */
export function SignInButton({ id, name, callbackUrl }: { id: string; name: string; callbackUrl: string }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  return (
    <button
      type="button"
      className={`button provider provider-${id}`}
      disabled={busy}
      aria-busy={busy}
      onClick={() => {
        setBusy(true);
        void signIn(id, { callbackUrl });
      }}
    >
      {t('signin.with', { provider: name })}
    </button>
  );
}
