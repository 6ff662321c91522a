'use client';

import { signOut } from 'next-auth/react';
import { useI18n } from '@/i18n/i18n-provider';

/** Ends the NextAuth session and returns to the sign-in page. */
export function SignOutButton() {
  const { t } = useI18n();
  return (
    <button type="button" className="button ghost" onClick={() => void signOut({ callbackUrl: '/signin' })}>
      {t('nav.signOut')}
    </button>
  );
}
