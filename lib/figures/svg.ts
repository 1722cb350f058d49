/** Small helpers for writing standalone SVG documents (publication exports). */

export const FONT = "'Helvetica Neue', Helvetica, Arial, sans-serif";

export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** Attributes from an object; undefined values are left out. */
export function attrs(values: Record<string, string | number | undefined>): string {
  return Object.entries(values)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([key, value]) => `${key}="${escapeXml(typeof value === 'number' ? round(value) : value)}"`)
    .join(' ');
}

export function round(value: number): string {
  return String(Math.round(value * 100) / 100);
}

export function text(x: number, y: number, content: string, extra: Record<string, string | number | undefined> = {}): string {
  return `<text ${attrs({ x, y, ...extra })}>${escapeXml(content)}</text>`;
}

export function svgDocument(width: number, height: number, title: string, body: string[]): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" ${attrs({ width, height, viewBox: `0 0 ${width} ${height}`, 'font-family': FONT, 'font-size': 14 })}>`,
    `<title>${escapeXml(title)}</title>`,
    `<rect ${attrs({ width, height, fill: '#ffffff' })}/>`,
    ...body,
    '</svg>',
    '',
  ].join('\n');
}

/** A file name from a title: lowercase letters, digits and dashes only. */
export function fileStem(title: string): string {
  return title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80) || 'figure';
}
