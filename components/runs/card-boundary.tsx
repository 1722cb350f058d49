'use client';

import { Component, type ReactNode } from 'react';
import { Notice } from '@/components/ui/notice';

interface Props {
  /** What the card shows, for the message ("the LM calls"). */
  what: string;
  /** Renders the card's content; called inside the boundary, so a throw while computing it is caught too. */
  children: () => ReactNode;
}

/**
 * One card's error boundary on the run page: a stored run whose records have a shape this version does
 * not expect (an old or hand-edited bundle) shows the error in that card, and the rest of the page works.
 */
export class CardBoundary extends Component<Props, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: unknown): { error: Error } {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return <Content render={this.props.children} />;
    return (
      <div data-testid="card-error">
        <Notice tone="error" title={`Could not show ${this.props.what}`}>
          The run&apos;s records have a shape this page does not expect ({error.message.slice(0, 200)}).
        </Notice>
      </div>
    );
  }
}

function Content({ render }: { render: () => ReactNode }) {
  return <>{render()}</>;
}
