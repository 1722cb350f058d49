'use client';

import dynamic from 'next/dynamic';
import type { DiffViewProps } from './diff-editor-impl';
import { EditorSkeleton } from './editor-skeleton';
import type { PythonEditorProps } from './python-editor-impl';

const loadPython = () => import('./python-editor-impl');
const loadDiff = () => import('./diff-editor-impl');

/** Monaco is heavy and browser-only: loaded on demand, never rendered on the server. */
const FillSkeleton = () => (
  <div className="absolute inset-0">
    <EditorSkeleton height="100%" />
  </div>
);
const LazyPython = dynamic(loadPython, { ssr: false, loading: FillSkeleton });
const LazyDiff = dynamic(loadDiff, { ssr: false, loading: FillSkeleton });

/**
 * Starts fetching the editor code and Monaco itself as soon as the browser is idle, so an editor
 * further down the page (or on a click) appears without the wait.
 */
function preloadEditors() {
  const start = () => {
    void loadPython().then(() => import('@monaco-editor/react')).then(({ loader }) => loader.init()).catch(() => undefined);
    void loadDiff().catch(() => undefined);
  };
  if ('requestIdleCallback' in window) window.requestIdleCallback(start, { timeout: 1500 });
  else setTimeout(start, 200);
}

if (typeof window !== 'undefined') preloadEditors();

/** The editor's final box: the skeleton fills it while the editor code loads. */
function Slot({ height, children }: { height: number | string; children: React.ReactNode }) {
  return (
    <div className="relative w-full" style={{ minHeight: height }}>
      {children}
    </div>
  );
}

export function PythonEditor(props: PythonEditorProps) {
  return <Slot height={props.height ?? 520}><LazyPython {...props} /></Slot>;
}

export function DiffView(props: DiffViewProps) {
  return <Slot height={props.height ?? 640}><LazyDiff {...props} /></Slot>;
}

export type { EditorMarker } from './python-editor-impl';
