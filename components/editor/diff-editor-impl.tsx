'use client';

import { DiffEditor, type DiffOnMount } from '@monaco-editor/react';
import { useEffect, useRef } from 'react';
import { defineLightTheme, EDITOR_OPTIONS, LIGHT_THEME } from './monaco-loader';
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
  // The library disposes the text models before the diff widget lets go of them, which Monaco reports
  // as an error when the view unmounts (e.g. on client-side navigation). Keep the models and dispose
  // them after the widget is gone.
  const models = useRef<{ dispose(): void }[]>([]);
  const onMount: DiffOnMount = (editor) => {
    // The diff options' originalAriaLabel/modifiedAriaLabel do not reach the inputs in this Monaco; name each side directly.
    editor.getOriginalEditor().updateOptions({ ariaLabel: 'Original program (read-only)' });
    editor.getModifiedEditor().updateOptions({ ariaLabel: 'Changed program (read-only)' });
    const model = editor.getModel();
    models.current = model ? [model.original, model.modified] : [];
  };
  useEffect(
    () => () => {
      const owned = models.current;
      setTimeout(() => owned.forEach((model) => model.dispose()), 0);
    },
    [],
  );
  return (
    <div className="overflow-hidden rounded-lg border border-zinc-200 dark:border-zinc-800" data-testid="diff-editor">
      <DiffEditor
        height={height}
        language="python"
        original={original}
        modified={modified}
        theme={dark ? 'vs-dark' : LIGHT_THEME}
        beforeMount={defineLightTheme}
        loading={<EditorSkeleton height={height} label="Loading the diff…" />}
        keepCurrentOriginalModel
        keepCurrentModifiedModel
        onMount={onMount}
        options={{ ...EDITOR_OPTIONS, readOnly: true, originalEditable: false, renderSideBySide: true, useInlineViewWhenSpaceIsLimited: true }}
      />
    </div>
  );
}
