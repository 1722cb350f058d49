'use client';

import dynamic from 'next/dynamic';
import { EditorSkeleton } from './editor-skeleton';

/** Monaco is heavy and browser-only: loaded on demand, never rendered on the server. */
export const PythonEditor = dynamic(() => import('./python-editor-impl'), {
  ssr: false,
  loading: () => <EditorSkeleton height={520} />,
});

export const DiffView = dynamic(() => import('./diff-editor-impl'), {
  ssr: false,
  loading: () => <EditorSkeleton height={640} label="Loading the diff…" />,
});

export type { EditorMarker } from './python-editor-impl';
