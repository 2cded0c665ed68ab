// First load of the web app in headless Chromium, against a running Kumiai
// server that serves the built app (`npm run build`): what JavaScript crosses
// the wire and how long until the page can be used, with an empty cache.
//
// "Initial" JavaScript is what index.html names (the entry chunk and its
// modulepreloads): the browser fetches it before the app can render anything.
// Everything else (the page's lazy chunk, ECharts) is "lazy". Bytes are the
// response bodies as transferred (encoded), from Playwright's request.sizes();
// the target is stated in gzip, so the gzip size of the initial chunks is asked
// from the server as well (Chromium itself takes brotli when it is offered).
import { type Browser, chromium, type Page, type Request } from 'playwright-core';

export type PageLoad = {
  jsFiles: number;
  /** Entry chunk + modulepreloads, encoded as Chromium received them. */
  initialJsBytes: number;
  /** The same files as the server sends them to a gzip-only client. */
  initialJsGzipBytes: number;
  lazyJsBytes: number;
  /** Every response of the load: bodies as transferred plus headers. */
  totalBytes: number;
  /** Content-Encoding of each script response, e.g. { br: 7 }. */
  jsEncodings: Record<string, number>;
  ttiMs: number;
};

export type WebFirstLoad = {
  runs: number;
  signIn: PageLoad;
  dashboard: PageLoad & { path: string; firstFigureMs: number };
  target: { initialJsGzipKb: number };
  withinTarget: boolean;
};

const TARGET_KB = 250;
const TIMEOUT_MS = 30_000;
// The same flags as e2e/harness.ts launchBrowser (root in a container, no GPU, no /dev/shm).
const CHROMIUM_ARGS = (
  '--no-sandbox --headless=new --disable-gpu --disable-dev-shm-usage --disable-background-networking ' +
  '--disable-component-update --disable-sync --no-first-run --disable-quic'
).split(' ');

type Transfer = { url: string; script: boolean; bodyBytes: number; bytes: number; encoding: string };

/** Records every finished request of `page` until the returned stop(), which resolves with their sizes. */
function recordTransfers(page: Page): () => Promise<Transfer[]> {
  const pending: Promise<Transfer>[] = [];
  const onFinished = (request: Request) =>
    pending.push(
      Promise.all([request.sizes(), request.response()]).then(([sizes, response]) => ({
        url: request.url(),
        script: request.resourceType() === 'script',
        bodyBytes: sizes.responseBodySize,
        bytes: sizes.responseBodySize + sizes.responseHeadersSize,
        encoding: response?.headers()['content-encoding'] ?? 'identity',
      })),
    );
  page.on('requestfinished', onFinished);
  return () => {
    page.off('requestfinished', onFinished);
    return Promise.all(pending);
  };
}

/** The script URLs index.html names: `<script src>` and `<link rel=modulepreload href>`. */
function initialScripts(html: string, base: string): Set<string> {
  const urls = new Set<string>();
  for (const [tag] of html.matchAll(/<(?:script|link)\b[^>]*>/g)) {
    const src = /\bsrc="([^"]+)"/.exec(tag)?.[1];
    const preload = /\brel="modulepreload"/.test(tag) ? /\bhref="([^"]+)"/.exec(tag)?.[1] : undefined;
    const url = src ?? preload;
    if (url) urls.add(new URL(url, base).href);
  }
  return urls;
}

/** Content-Length of each URL as the server sends it to a client that accepts gzip only. */
async function gzipBytes(urls: Iterable<string>): Promise<number> {
  let total = 0;
  for (const url of urls) {
    const res = await fetch(url, { headers: { 'accept-encoding': 'gzip' } });
    await res.body?.cancel();
    total += Number(res.headers.get('content-length') ?? Number.NaN);
  }
  return total;
}

type Measured = Omit<PageLoad, 'initialJsGzipBytes'> & { initial: Set<string>; readyMs: number };

/** Loads `path` in `page`, waits for `ready` (in-page, returns performance.now()) and sums the transfers. */
async function measureLoad(
  page: Page,
  url: string,
  ready: () => number | false,
  settle: boolean,
): Promise<Measured> {
  const transfers = recordTransfers(page);
  const response = await page.goto(url, { waitUntil: 'commit' });
  if (!response?.ok()) throw new Error(`GET ${url} answered ${response?.status()}`);
  const initial = initialScripts(await response.text(), url);
  // performance.now() in the page counts from the navigation's start.
  const readyMs = Number(
    await (await page.waitForFunction(ready, undefined, { polling: 'raf' })).jsonValue(),
  );
  let ttiMs = readyMs;
  // Whatever the page still fetches counts in its bytes, if not in its time.
  await page.waitForLoadState('networkidle');
  if (settle) {
    const lastResponseEnd = await page.evaluate(() => {
      const resources = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
      return Math.max(0, ...resources.map((e) => e.responseEnd));
    });
    ttiMs = Math.max(readyMs, lastResponseEnd);
  }
  const all = await transfers();
  const scripts = all.filter((t) => t.script);
  const jsEncodings: Record<string, number> = {};
  for (const t of scripts) jsEncodings[t.encoding] = (jsEncodings[t.encoding] ?? 0) + 1;
  const sum = (list: Transfer[]) => list.reduce((n, t) => n + t.bodyBytes, 0);
  return {
    jsFiles: scripts.length,
    initialJsBytes: sum(scripts.filter((t) => initial.has(t.url))),
    lazyJsBytes: sum(scripts.filter((t) => !initial.has(t.url))),
    totalBytes: all.reduce((n, t) => n + t.bytes, 0),
    jsEncodings,
    ttiMs,
    initial,
    readyMs,
  };
}

function emailInputReady(): number | false {
  const input = document.querySelector('input[type=email]');
  const usable = input instanceof HTMLInputElement && !input.disabled && input.getClientRects().length > 0;
  return usable && performance.now();
}

/** The first ECharts figure has drawn: its SVG holds marks. */
function figureDrawn(): number | false {
  const svg = document.querySelector('[data-testid="chart"] svg');
  return svg !== null && svg.childElementCount > 0 && performance.now();
}

async function freshPage(browser: Browser) {
  const viewport = { width: 1280, height: 800 };
  const context = await browser.newContext({ locale: 'ja-JP', timezoneId: 'Asia/Tokyo', viewport });
  context.setDefaultTimeout(TIMEOUT_MS);
  return { context, page: await context.newPage() };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** Median of each figure over the runs (the byte counts barely vary; the times do). */
async function summarize(runs: Measured[]): Promise<PageLoad & { readyMs: number }> {
  type Figure = 'jsFiles' | 'initialJsBytes' | 'lazyJsBytes' | 'totalBytes' | 'ttiMs' | 'readyMs';
  const pick = (key: Figure) => Math.round(median(runs.map((r) => r[key])));
  const last = runs.at(-1)!;
  return {
    jsFiles: pick('jsFiles'),
    initialJsBytes: pick('initialJsBytes'),
    initialJsGzipBytes: await gzipBytes(last.initial),
    lazyJsBytes: pick('lazyJsBytes'),
    totalBytes: pick('totalBytes'),
    jsEncodings: last.jsEncodings,
    ttiMs: pick('ttiMs'),
    readyMs: pick('readyMs'),
  };
}

export async function measureWebFirstLoad(options: {
  baseUrl: string;
  email: string;
  password: string;
  runs?: number;
  /** A signed-in page with ECharts figures. */
  dashboardPath?: string;
}): Promise<WebFirstLoad> {
  const { baseUrl, email, password, runs = 3, dashboardPath = '/dashboards/monthly' } = options;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  const signInRuns: Measured[] = [];
  const dashboardRuns: Measured[] = [];
  try {
    for (let run = 0; run < runs; run++) {
      // A new context each time: no cookies and an empty HTTP cache.
      const signIn = await freshPage(browser);
      signInRuns.push(await measureLoad(signIn.page, `${baseUrl}/login`, emailInputReady, false));
      await signIn.context.close();

      const dashboard = await freshPage(browser);
      // Signing in through the API stores the session cookie without loading the app.
      const login = await dashboard.context.request.post(`${baseUrl}/api/auth/login`, {
        data: { email, password },
      });
      if (!login.ok())
        throw new Error(`sign-in as ${email} answered ${login.status()}: ${await login.text()}`);
      dashboardRuns.push(await measureLoad(dashboard.page, baseUrl + dashboardPath, figureDrawn, true));
      await dashboard.context.close();
    }
  } finally {
    await browser.close();
  }
  const { readyMs: _, ...signIn } = await summarize(signInRuns);
  const { readyMs: firstFigureMs, ...dashboardLoad } = await summarize(dashboardRuns);
  const dashboard = { path: dashboardPath, ...dashboardLoad, firstFigureMs };
  const limit = TARGET_KB * 1024;
  return {
    runs,
    signIn,
    dashboard,
    target: { initialJsGzipKb: TARGET_KB },
    withinTarget: signIn.initialJsGzipBytes <= limit && dashboard.initialJsGzipBytes <= limit,
  };
}
