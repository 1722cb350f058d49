import type { Metadata } from 'next';
import { Link } from '@/components/ui/link';
import type { ReactNode } from 'react';
import { NavLinks, type NavItem } from '@/components/layout/nav-links';
import { SessionControl } from '@/components/layout/session-control';
import { ThemeScript } from '@/components/layout/theme-script';
import { ThemeToggle } from '@/components/layout/theme-toggle';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'STOP Studio', template: '%s · STOP Studio' },
  description: 'A workbench for the Self-Taught Optimizer: LM-powered improvers that improve themselves.',
};

const NAV: NavItem[] = [
  { href: '/', label: 'Runs' },
  { href: '/runs/new', label: 'New run' },
  { href: '/compare', label: 'Compare' },
  { href: '/diff', label: 'Diff' },
  { href: '/transfer', label: 'Transfer' },
  { href: '/sandbox-study', label: 'Sandbox study' },
  { href: '/tasks', label: 'Tasks' },
  { href: '/settings', label: 'Settings' },
];

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        <ThemeScript />
      </head>
      <body className="min-h-screen">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:fixed focus:left-3 focus:top-3 focus:z-50 focus:rounded-md focus:bg-white focus:px-3 focus:py-2 focus:shadow dark:focus:bg-zinc-900"
        >
          Skip to content
        </a>
        <header className="sticky top-0 z-30 border-b border-zinc-200/80 bg-zinc-50/85 backdrop-blur dark:border-zinc-800/80 dark:bg-zinc-950/85">
          <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-2.5 sm:px-6">
            <Link href="/" className="flex items-center gap-2 font-semibold tracking-tight">
              <span aria-hidden className="grid h-6 w-6 place-items-center rounded-md bg-accent-600 text-xs font-bold text-white">
                S
              </span>
              STOP Studio
            </Link>
            <div className="order-3 w-full sm:order-none sm:w-auto sm:flex-1">
              <NavLinks items={NAV} />
            </div>
            <div className="ml-auto flex items-center gap-2 sm:ml-0">
              <SessionControl />
              <ThemeToggle />
            </div>
          </div>
        </header>
        <main id="main" className="mx-auto max-w-7xl px-4 py-8 sm:px-6">
          {children}
        </main>
      </body>
    </html>
  );
}
