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
