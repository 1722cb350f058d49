/**
 * An exported SVG drawn as a publication PNG (at least MIN_PNG_WIDTH px wide) by the system Chromium,
 * for the CLI; the browser's PNG button draws its own. The SVG is set as the page's content with every
 * request refused, so nothing in it reaches the network.
 */
import { existsSync } from 'node:fs';
import { CHROMIUM, CHROMIUM_ARGS } from '@/lib/browser/chromium';
import { pngScale, svgSize } from './png';

export async function svgToPng(svg: string): Promise<Buffer> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`PNG export needs Chromium at ${CHROMIUM}, which is not installed (the svg format works without it)`);
  }
  const { chromium } = await import('playwright-core');
  const { width, height } = svgSize(svg);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({
      viewport: { width: Math.ceil(width), height: Math.ceil(height) },
      deviceScaleFactor: pngScale(width),
      javaScriptEnabled: false,
    });
    await page.route('**/*', (route) => route.abort());
    await page.setContent(`<!doctype html><html><body style="margin:0;background:#fff">${svg.replace(/^<\?xml[^>]*>/, '')}</body></html>`);
    return await page.locator('svg').first().screenshot({ type: 'png', omitBackground: false });
  } finally {
    await browser.close();
  }
}
