/** Publication PNG size: at least 1600 px wide, drawn at an integer-ish scale of the SVG. */
export const MIN_PNG_WIDTH = 1600;

export function pngScale(svgWidth: number): number {
  return Math.max(2, Math.ceil((MIN_PNG_WIDTH / Math.max(1, svgWidth)) * 100) / 100);
}

/** Width and height attributes of a standalone SVG document (what the exporters write). */
export function svgSize(svg: string): { width: number; height: number } {
  const head = /<svg\b[^>]*>/.exec(svg)?.[0] ?? '';
  const width = Number(/\bwidth="([\d.]+)"/.exec(head)?.[1] ?? 800);
  const height = Number(/\bheight="([\d.]+)"/.exec(head)?.[1] ?? 500);
  return { width, height };
}
