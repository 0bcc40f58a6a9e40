import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type Browser, chromium } from 'playwright-core';

/** The flags the project runs Debian's Chromium with (headless, no sandbox as root, nothing phoning home). */
export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

/** Starts headless Chromium (Debian's /usr/bin/chromium by default). */
export async function launchChromium(executablePath = '/usr/bin/chromium'): Promise<Browser> {
  return chromium.launch({ executablePath, args: chromiumArgs, headless: true });
}

/**
 * Chromium's PDF backend (Skia) embeds only TrueType-outline fonts as real fonts; the CFF outlines
 * of Debian's fonts-noto-cjk come out as nameless Type 3 glyph procedures. For the PDF, the report
 * is therefore printed with Noto Sans JP in TrueType outlines (Google Fonts' build of the same
 * Noto CJK design, from npm), so the PDF embeds a named, searchable Japanese font. The HTML itself
 * keeps the system fonts (self-contained, nothing to fetch).
 */
const require = createRequire(import.meta.url);
const FONTS: Record<string, { file: string; weight: number }> = {
  '/fonts/NotoSansJP-Regular.ttf': { file: '@expo-google-fonts/noto-sans-jp/400Regular/NotoSansJP_400Regular.ttf', weight: 400 },
  '/fonts/NotoSansJP-Bold.ttf': { file: '@expo-google-fonts/noto-sans-jp/700Bold/NotoSansJP_700Bold.ttf', weight: 700 },
};
const fontCache = new Map<string, Buffer>();
const fontBytes = (path: string) => {
  let bytes = fontCache.get(path);
  if (!bytes) {
    bytes = readFileSync(require.resolve(FONTS[path]!.file));
    fontCache.set(path, bytes);
  }
  return bytes;
};
const PRINT_FONTS = `<style>${Object.entries(FONTS)
  .map(
    ([path, f]) => `@font-face { font-family: "Liaison Noto Sans JP"; src: url("${path}") format("truetype"); font-weight: ${f.weight}; }`,
  )
  .join('\n')}
html, svg, svg text { font-family: "Liaison Noto Sans JP", "Noto Sans CJK JP", sans-serif; }
@page { font-family: "Liaison Noto Sans JP", "Noto Sans CJK JP", sans-serif; }</style>`;

/** A name that never resolves: every request of the printed page is answered here, none leaves the machine. */
const ORIGIN = 'http://report.liaison.invalid';

/**
 * Prints the report's HTML to PDF in headless Chromium (A4 from the document's @page rules, page
 * numbers in the margin boxes, Japanese fonts embedded, headings as PDF bookmarks). Uses `browser`
 * when given (kept open), else starts one and closes it.
 */
export async function renderPdf(html: string, options: { browser?: Browser; executablePath?: string } = {}): Promise<Buffer> {
  const browser = options.browser ?? (await launchChromium(options.executablePath));
  try {
    const context = await browser.newContext();
    try {
      const printed = html.replace('</head>', `${PRINT_FONTS}\n</head>`);
      await context.route('**/*', async (route) => {
        const url = new URL(route.request().url());
        if (url.origin !== ORIGIN) return route.abort();
        if (url.pathname === '/report.html') return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: printed });
        if (FONTS[url.pathname]) return route.fulfill({ status: 200, contentType: 'font/ttf', body: fontBytes(url.pathname) });
        return route.abort();
      });
      const page = await context.newPage();
      await page.goto(`${ORIGIN}/report.html`, { waitUntil: 'load' });
      await page.evaluate(() => document.fonts.ready.then(() => undefined));
      return await page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: true, outline: true });
    } finally {
      await context.close();
    }
  } finally {
    if (!options.browser) await browser.close().catch(() => {});
  }
}
