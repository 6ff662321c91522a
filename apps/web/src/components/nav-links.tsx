'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useI18n } from '@/i18n/i18n-provider';

/** Main navigation; marks the current section for assistive technology. */
export function NavLinks() {
  const { t } = useI18n();
  const pathname = usePathname();
  const links = [
    { href: '/chat', label: t('nav.chat') },
    { href: '/entities', label: t('nav.explorer') },
    { href: '/workflow', label: t('nav.workflow') },
  ];
  return (
    <nav aria-label={t('nav.main')}>
      <ul className="nav-links">
        {links.map((link) => {
          const active = pathname === link.href || pathname.startsWith(`${link.href}/`);
          return (
            <li key={link.href}>
              <Link href={link.href} aria-current={active ? 'page' : undefined}>
                {link.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
