'use client';

import Editor, { type OnMount } from '@monaco-editor/react';
import { useEffect, useRef } from 'react';
import { defineLightTheme, EDITOR_OPTIONS, LIGHT_THEME } from './monaco-loader';
import { EditorSkeleton } from './editor-skeleton';
import { useDarkMode } from './use-dark-mode';

export interface EditorMarker {
  line: number;
  column?: number;
  message: string;
  severity: 'error' | 'warning';
}

type Monaco = Parameters<OnMount>[1];
type CodeEditor = Parameters<OnMount>[0];

export interface PythonEditorProps {
  value: string;
  onChange?: (value: string) => void;
  markers?: EditorMarker[];
  readOnly?: boolean;
  height?: number | string;
  ariaLabel: string;
}

/** Monaco holding Python source; preflight findings appear as editor markers. */
export default function PythonEditorImpl({ value, onChange, markers = [], readOnly = false, height = 520, ariaLabel }: PythonEditorProps) {
  const dark = useDarkMode();
  const monacoRef = useRef<Monaco | null>(null);
  const editorRef = useRef<CodeEditor | null>(null);

  const applyMarkers = () => {
    const monaco = monacoRef.current;
    const model = editorRef.current?.getModel();
    if (!monaco || !model) return;
    monaco.editor.setModelMarkers(
      model,
      'preflight',
      markers.map((marker) => {
        const line = Math.min(Math.max(1, marker.line), model.getLineCount());
        return {
          startLineNumber: line,
          endLineNumber: line,
          startColumn: marker.column ?? model.getLineFirstNonWhitespaceColumn(line) ?? 1,
          endColumn: model.getLineMaxColumn(line),
          message: marker.message,
          severity: marker.severity === 'error' ? monaco.MarkerSeverity.Error : monaco.MarkerSeverity.Warning,
        };
      }),
    );
  };

  useEffect(applyMarkers);

  return (
    <div className="overflow-hidden rounded-lg border border-zinc-200 dark:border-zinc-800" data-testid="python-editor">
      <Editor
        height={height}
        defaultLanguage="python"
        // Editable editors are uncontrolled: pushing React state back into Monaco while typing drops
        // keystrokes. To replace the text, remount the editor with a new key.
        {...(readOnly ? { value } : { defaultValue: value })}
        theme={dark ? 'vs-dark' : LIGHT_THEME}
        beforeMount={defineLightTheme}
        onChange={(next) => onChange?.(next ?? '')}
        onMount={(editor, monaco) => {
          editorRef.current = editor;
          monacoRef.current = monaco;
          applyMarkers();
        }}
        loading={<EditorSkeleton height={height} />}
        options={{ ...EDITOR_OPTIONS, readOnly, ariaLabel, domReadOnly: readOnly }}
      />
    </div>
  );
}
