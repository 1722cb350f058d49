import NextLink from 'next/link';
import type { ComponentProps } from 'react';

/**
 * A link to one of the app's pages, without automatic prefetching. Every page here is rendered on
 * demand from the database, so Next's default (prefetch each link once it scrolls into view) had the
 * server render every page a view links to: 15–35 renders per page view, the runs table prefetching its
 * own sort orders and each visible run page, all competing with the page the user asked for next.
 * A click renders its page once. `prefetch` can still be set where a prefetch pays off.
 */
export function Link(props: ComponentProps<typeof NextLink>) {
  return <NextLink prefetch={false} {...props} />;
}
