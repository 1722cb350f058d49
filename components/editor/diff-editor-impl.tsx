'use client';

import { DiffEditor } from '@monaco-editor/react';
import { EDITOR_OPTIONS } from './monaco-loader';
import { EditorSkeleton } from './editor-skeleton';
import { useDarkMode } from './use-dark-mode';

export interface DiffViewProps {
  original: string;
  modified: string;
  height?: number | string;
}

/** Two improvers side by side (inline on narrow screens), read-only. */
export default function DiffEditorImpl({ original, modified, height = 640 }: DiffViewProps) {
  const dark = useDarkMode();
  return (
    <div className="overflow-hidden rounded-lg border border-zinc-200 dark:border-zinc-800" data-testid="diff-editor">
      <DiffEditor
        height={height}
        language="python"
        original={original}
        modified={modified}
        theme={dark ? 'vs-dark' : 'vs'}
        loading={<EditorSkeleton height={height} label="Loading the diff…" />}
        options={{ ...EDITOR_OPTIONS, readOnly: true, originalEditable: false, renderSideBySide: true, useInlineViewWhenSpaceIsLimited: true }}
      />
    </div>
  );
}
