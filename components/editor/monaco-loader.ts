'use client';

import { loader } from '@monaco-editor/react';

// Monaco is served by this app from public/monaco/vs (copied by scripts/copy-monaco.mjs): never a CDN.
loader.config({ paths: { vs: '/monaco/vs' } });

export const EDITOR_OPTIONS = {
  fontSize: 13,
  fontFamily: 'ui-monospace, "JetBrains Mono", "SFMono-Regular", "DejaVu Sans Mono", Menlo, Consolas, monospace',
  minimap: { enabled: false },
  scrollBeyondLastLine: false,
  tabSize: 4,
  insertSpaces: true,
  automaticLayout: true,
  renderLineHighlight: 'line',
  padding: { top: 10, bottom: 10 },
} as const;

/**
 * The light theme: Monaco's `vs` with token and diff colours that keep 4.5 : 1 contrast (WCAG AA)
 * on the diff's added and removed backgrounds, which are opaque and pale here.
 */
export const LIGHT_THEME = 'stop-light';

export function defineLightTheme(monaco: { editor: { defineTheme(name: string, theme: unknown): void } }) {
  monaco.editor.defineTheme(LIGHT_THEME, {
    base: 'vs',
    inherit: true,
    rules: [
      { token: 'comment', foreground: '00661a' },
      { token: 'number', foreground: '05643f' },
      { token: 'type', foreground: '1d5f73' },
      { token: 'string.escape', foreground: '9b1c1c' },
      { token: 'predefined', foreground: '6b2f8a' },
    ],
    colors: {
      'diffEditor.insertedTextBackground': '#dcfadc',
      'diffEditor.insertedLineBackground': '#f0fff0',
      'diffEditor.removedTextBackground': '#ffeded',
      'diffEditor.removedLineBackground': '#fff7f7',
      'editorLineNumber.foreground': '#5f6b73',
    },
  });
}
