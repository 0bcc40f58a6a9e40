import { type Browser, chromium } from 'playwright-core';

/** The flags the project runs Debian's Chromium with (headless, no sandbox as root, nothing phoning home). */
export const chromiumArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'];

/** Starts headless Chromium (Debian's, /usr/bin/chromium unless `CHROMIUM_PATH`-like override is passed). */
export async function launchChromium(executablePath = '/usr/bin/chromium'): Promise<Browser> {
  return chromium.launch({ executablePath, args: chromiumArgs, headless: true });
}

/**
 * Prints the report's HTML to PDF in headless Chromium (A4 from the document's @page rules, page
 * numbers in the margin boxes, fonts embedded, headings as PDF bookmarks). Uses `browser` when
 * given (kept open), else starts one and closes it.
 */
export async function renderPdf(html: string, options: { browser?: Browser; executablePath?: string } = {}): Promise<Buffer> {
  const browser = options.browser ?? (await launchChromium(options.executablePath));
  try {
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
    try {
      const page = await context.newPage();
      await page.setContent(html, { waitUntil: 'load' });
      return await page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: true, outline: true });
    } finally {
      await context.close();
    }
  } finally {
    if (!options.browser) await browser.close().catch(() => {});
  }
}
