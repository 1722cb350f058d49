'use client';

import { useState } from 'react';
import { pngScale, svgSize } from '@/lib/figures/png';

type Content = string | (() => string);

export interface ExportSource {
  /** File name without extension. */
  name: string;
  svg?: Content;
  csv?: Content;
  latex?: Content;
}

const resolve = (content: Content) => (typeof content === 'function' ? content() : content);

function download(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Rasterises the SVG on a canvas at publication size (≥ 1600 px wide). */
async function svgToPng(svg: string): Promise<Blob> {
  const { width, height } = svgSize(svg);
  const scale = pngScale(width);
  const image = new Image();
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('This browser cannot draw on a canvas.');
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolvePng, reject) => canvas.toBlob((blob) => (blob ? resolvePng(blob) : reject(new Error('The PNG could not be made.'))), 'image/png'));
  } finally {
    URL.revokeObjectURL(url);
  }
}

const BUTTON = 'rounded-md border border-zinc-200 bg-white px-2 py-0.5 text-xs font-medium text-zinc-700 hover:bg-zinc-50 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-200 dark:hover:bg-zinc-800';

/** One-click exports of a figure or table: SVG, PNG, CSV and LaTeX, whichever the source offers. */
export function ExportButtons({ source, label }: { source: ExportSource; label: string }) {
  const [error, setError] = useState<string | null>(null);
  const run = (action: () => Promise<void> | void) => async () => {
    setError(null);
    try {
      await action();
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    }
  };
  const { svg, csv, latex, name } = source;
  return (
    <div className="flex flex-wrap items-center gap-1.5" role="group" aria-label={`Export ${label}`} data-testid="figure-exports">
      <span className="text-xs text-zinc-600 dark:text-zinc-400">Export</span>
      {svg !== undefined && (
        <>
          <button type="button" className={BUTTON} aria-label={`Download ${label} as SVG`} onClick={run(() => download(new Blob([resolve(svg)], { type: 'image/svg+xml' }), `${name}.svg`))}>SVG</button>
          <button type="button" className={BUTTON} aria-label={`Download ${label} as PNG`} onClick={run(async () => download(await svgToPng(resolve(svg)), `${name}.png`))}>PNG</button>
        </>
      )}
      {csv !== undefined && (
        <button type="button" className={BUTTON} aria-label={`Download the data of ${label} as CSV`} onClick={run(() => download(new Blob([resolve(csv)], { type: 'text/csv' }), `${name}.csv`))}>CSV</button>
      )}
      {latex !== undefined && (
        <button type="button" className={BUTTON} aria-label={`Download ${label} as LaTeX`} onClick={run(() => download(new Blob([resolve(latex)], { type: 'application/x-tex' }), `${name}.tex`))}>LaTeX</button>
      )}
      {error && <span role="alert" className="text-xs text-rose-700 dark:text-rose-300">{error}</span>}
    </div>
  );
}
