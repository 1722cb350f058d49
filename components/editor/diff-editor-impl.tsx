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

const INPUTS = '.native-edit-context, textarea.inputarea';

/** Gives the editor's text inputs an accessible name, and gives it back whenever Monaco clears it. */
function keepInputsNamed(root: HTMLElement | null, label: string): MutationObserver | null {
  if (!root) return null;
  const name = () =>
    root.querySelectorAll(INPUTS).forEach((input) => {
      if (input.getAttribute('aria-label') !== label) input.setAttribute('aria-label', label);
    });
  name();
  const observer = new MutationObserver(name);
  observer.observe(root, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-label'] });
  return observer;
}

/** Two improvers side by side (inline on narrow screens), read-only. */
export default function DiffEditorImpl({ original, modified, height = 640 }: DiffViewProps) {
  const dark = useDarkMode();
  // The library disposes the text models before the diff widget lets go of them, which Monaco reports
  // as an error when the view unmounts (e.g. on client-side navigation). Keep the models and dispose
  // them after the widget is gone.
  const models = useRef<{ dispose(): void }[]>([]);
  const labels = useRef<MutationObserver[]>([]);
  const onMount: DiffOnMount = (editor) => {
    // The diff options' originalAriaLabel/modifiedAriaLabel do not reach the inputs in this Monaco (its
    // native edit context of the original side keeps an empty label): name each side's input directly.
    labels.current = [
      keepInputsNamed(editor.getOriginalEditor().getDomNode(), 'Original program (read-only)'),
      keepInputsNamed(editor.getModifiedEditor().getDomNode(), 'Changed program (read-only)'),
    ].filter((observer): observer is MutationObserver => observer !== null);
    const model = editor.getModel();
    models.current = model ? [model.original, model.modified] : [];
  };
  useEffect(
    () => () => {
      labels.current.forEach((observer) => observer.disconnect());
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
