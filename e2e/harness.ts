import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import {
  type APIRequestContext,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  chromium,
  type Page,
} from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, inject } from 'vitest';

// The real thing: the built web app (dist/web), served by `kumiai serve` in a
// child process on its own temporary data directory, driven by Debian's Chromium.

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = join(ROOT, 'src/cli/main.ts');
export const SCREENSHOT_DIR = join(ROOT, 'e2e/screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const ADMIN = { email: 'admin@example.org', password: 'admin-password-1', name: '管理者' };

export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };

export type ServerOptions = {
  /** KUMIAI_DEMO=1: load the demo union into the empty database. */
  demo?: boolean;
  /** KUMIAI_ADMIN_EMAIL / KUMIAI_ADMIN_PASSWORD: create the first admin at start. */
  admin?: { email: string; password: string; name?: string };
  /** More environment for the server, e.g. DATABASE_URL to read its database beside it. */
  env?: Record<string, string>;
};

export type KumiaiServer = {
  url: string;
  dataDir: string;
  output: () => string;
  stop: () => Promise<void>;
};

/** Fails early and clearly when the web app has not been built. */
export function assertBuilt(): void {
  if (!existsSync(join(ROOT, 'dist/web/index.html'))) {
    throw new Error('dist/web/index.html is missing: run `npm run build` before `npm run test:e2e`.');
  }
}

/** The parent's environment without any Kumiai setting, so only `extra` configures the child. */
function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(KUMIAI_|DATABASE_|TEST_DATABASE_URL$|PORT$|HOST$|NODE_ENV$)/.test(key)) continue;
    env[key] = value;
  }
  return { ...env, HOST: '127.0.0.1', PORT: '0', ...extra };
}

/** Today in Tokyo (the demo's time zone), e.g. 2026-04-01. */
export function tokyoToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo' }).format(new Date());
}

/**
 * The data directory a server starts from a copy of (e2e/global-setup.ts): the demo union
 * with ADMIN after a first start, for `{ demo: true, admin: ADMIN }` on the day it was made;
 * else the migrated, empty one; none on PostgreSQL.
 */
function templateFor(options: ServerOptions): string | undefined {
  if (options.env?.DATABASE_URL) return undefined;
  const demo = inject('kumiaiDemoTemplate');
  const { admin } = options;
  if (
    options.demo &&
    !options.env &&
    demo?.day === tokyoToday() &&
    admin?.email === ADMIN.email &&
    admin.password === ADMIN.password &&
    admin.name === ADMIN.name
  ) {
    return demo.dataDir;
  }
  return inject('kumiaiDataTemplate');
}

/** `node --import tsx src/cli/main.ts serve` on a fresh temporary data directory (see templateFor). */
export async function startKumiai(options: ServerOptions = {}): Promise<KumiaiServer> {
  assertBuilt();
  const dataDir = await mkdtemp(join(tmpdir(), 'kumiai-e2e-'));
  const template = templateFor(options);
  if (template) await cp(template, dataDir, { recursive: true });
  // No scheduled backups: each would restore into a scratch database in the middle of a test.
  const extra: Record<string, string> = { KUMIAI_DATA_DIR: dataDir, KUMIAI_BACKUP_KEEP_DAYS: '0' };
  if (options.demo) extra.KUMIAI_DEMO = '1';
  if (options.admin) {
    extra.KUMIAI_ADMIN_EMAIL = options.admin.email;
    extra.KUMIAI_ADMIN_PASSWORD = options.admin.password;
    if (options.admin.name) extra.KUMIAI_ADMIN_NAME = options.admin.name;
  }
  Object.assign(extra, options.env);
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, ['--import', 'tsx', CLI, 'serve'], {
    cwd: ROOT,
    env: childEnv(extra),
  });
  child.stdin.end();
  // If the test run dies without its afterAll, do not leave a server holding the port and data dir.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    output += d;
  });
  child.stderr.setEncoding('utf8').on('data', (d: string) => {
    output += d;
  });
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      process.off('exit', killOnExit);
      resolve(code);
    }),
  );

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`kumiai serve did not start in 90 s:\n${output}`)),
      90_000,
    );
    const check = () => {
      const match = /Kumiai listening on http:\/\/localhost:(\d+)/.exec(output);
      if (!match) return;
      clearTimeout(timer);
      child.stdout.off('data', check);
      resolve(`http://127.0.0.1:${match[1]}`);
    };
    child.stdout.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`kumiai serve exited with ${code} before listening:\n${output}`));
    });
  }).catch(async (err: unknown) => {
    child.kill('SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
    throw err;
  });

  let stopping: Promise<void> | undefined;
  return {
    url,
    dataDir,
    output: () => output,
    stop: () => {
      stopping ??= (async () => {
        if (child.exitCode === null && child.signalCode === null) {
          child.kill('SIGTERM');
          const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
          await exited;
          clearTimeout(timer);
        }
        await rm(dataDir, { recursive: true, force: true });
      })();
      return stopping;
    },
  };
}

/** The one-time first-run code the server printed at start (`setup code: <code>`). */
export function setupCodeOf(server: KumiaiServer): string {
  const code = /setup code: ([0-9A-Z-]+)/.exec(server.output())?.[1];
  if (!code) throw new Error(`the server printed no setup code:\n${server.output()}`);
  return code;
}

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM} (apt-get install chromium)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--headless=new',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/** Noise a test expects, e.g. the 401 of a wrong password; status 0: no answer (a dropped connection). */
export type Allowance = { status: number; url: RegExp };

/**
 * Nothing is always allowed: before sign-in the app asks /api/auth/session, which answers
 * `{ user: null }` rather than a 401 (e2e/console.test.ts).
 */
const ALWAYS_ALLOWED: Allowance[] = [];

/**
 * Collects what must never happen on a page: uncaught errors, console errors
 * (failed resources included, except the expected 401s) and 5xx answers.
 */
export function watchPage(page: Page, problems: string[], allowed: () => Allowance[]): void {
  const isAllowed = (status: number, url: string) =>
    [...ALWAYS_ALLOWED, ...allowed()].some((a) => a.status === status && a.url.test(url));
  const statusOf = new Map<string, number>();
  page.on('response', (res) => {
    statusOf.set(res.url(), res.status());
    if (res.status() >= 500) problems.push(`${res.status()} from ${res.request().method()} ${res.url()}`);
  });
  page.on('pageerror', (err) => problems.push(`page error on ${page.url()}: ${err.stack ?? err.message}`));
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const text = msg.text();
    const where = msg.location().url;
    const failed = /Failed to load resource: the server responded with a status of (\d+)/.exec(text);
    if (failed && isAllowed(Number(failed[1]), where)) return;
    if (failed && statusOf.has(where) && isAllowed(statusOf.get(where)!, where)) return;
    if (/Failed to load resource: net::ERR_/.test(text) && isAllowed(0, where)) return;
    problems.push(`console error on ${page.url()}: ${text}${where ? ` (${where})` : ''}`);
  });
}

export type E2E = {
  server: KumiaiServer;
  browser: Browser;
  /** A new browser context (own cookies and storage) whose pages are watched. */
  newContext: (options?: BrowserContextOptions) => Promise<BrowserContext>;
  /** A watched page in a new context at the desktop size. */
  newPage: (options?: BrowserContextOptions) => Promise<Page>;
  /** Lets this test's pages log these failed requests without failing. */
  allow: (...allowances: Allowance[]) => void;
};

/**
 * Registers the hooks of one test file: a server (and a browser) for the file,
 * fresh contexts per test, and a check after each test that its pages logged no error.
 */
export function useKumiai(options: ServerOptions = {}): E2E {
  const state = {} as { server: KumiaiServer; browser: Browser };
  let contexts: BrowserContext[] = [];
  let problems: string[] = [];
  let allowances: Allowance[] = [];

  beforeAll(async () => {
    assertBuilt();
    const [server, browser] = await Promise.allSettled([startKumiai(options), sharedBrowser()]);
    if (server.status === 'rejected') throw server.reason;
    if (browser.status === 'rejected') {
      await server.value.stop();
      throw browser.reason;
    }
    state.server = server.value;
    state.browser = browser.value;
  });

  afterEach(async () => {
    const found = problems;
    await Promise.all(contexts.map((c) => c.close().catch(() => {})));
    contexts = [];
    problems = [];
    allowances = [];
    if (found.length) throw new Error(`The browser reported problems:\n- ${found.join('\n- ')}`);
  });

  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close().catch(() => {})));
    await state.server?.stop();
    await releaseBrowser();
  });

  const newContext = async (contextOptions: BrowserContextOptions = {}) => {
    const context = await state.browser.newContext({
      baseURL: state.server.url,
      locale: 'ja-JP',
      timezoneId: 'Asia/Tokyo',
      viewport: DESKTOP,
      ...contextOptions,
    });
    context.setDefaultTimeout(15_000);
    context.on('page', (page) => watchPage(page, problems, () => allowances));
    contexts.push(context);
    return context;
  };

  return {
    get server() {
      return state.server;
    },
    get browser() {
      return state.browser;
    },
    newContext,
    newPage: async (contextOptions) => (await newContext(contextOptions)).newPage(),
    allow: (...more) => {
      allowances.push(...more);
    },
  };
}

// Several servers in one file share one browser.
let browserPromise: Promise<Browser> | undefined;
let browserUsers = 0;
function sharedBrowser(): Promise<Browser> {
  browserUsers++;
  browserPromise ??= launchBrowser();
  return browserPromise;
}
async function releaseBrowser(): Promise<void> {
  if (--browserUsers > 0 || !browserPromise) return;
  const browser = await browserPromise.catch(() => undefined);
  browserPromise = undefined;
  await browser?.close();
}

/** Signs in through the sign-in page and waits for the first signed-in page. */
export async function signIn(page: Page, email = ADMIN.email, password = ADMIN.password): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('メールアドレス').fill(email);
  await page.getByLabel('パスワード').fill(password);
  await page.getByRole('button', { name: 'ログイン' }).click();
  // `/` forwards to the member list once the session is known.
  await page.waitForURL((url) => url.pathname !== '/login' && url.pathname !== '/');
  await page.getByRole('button', { name: /ログアウト|Sign out/ }).waitFor();
}

/** Waits until the page shows its heading and nothing is loading any more. */
export async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  await page
    .getByRole('status')
    .filter({ hasText: /読み込み中|Loading/ })
    .first()
    .waitFor({ state: 'detached' });
}

export async function ensureScreenshotDir(): Promise<void> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
}

/** A JSON answer of the API with the page's cookies (for ids the UI flows do not need to click to). */
export async function apiGet<T>(page: Page, path: string): Promise<T> {
  const res = await page.request.get(path);
  if (!res.ok()) throw new Error(`GET ${path} answered ${res.status()}: ${await res.text()}`);
  return (await res.json()) as T;
}

/** POSTs JSON with a request context's cookies; the answer's JSON, or an error with its status. */
export async function apiPost<T>(request: APIRequestContext, path: string, data: unknown): Promise<T> {
  const res = await request.post(path, { data });
  if (!res.ok()) throw new Error(`POST ${path} answered ${res.status()}: ${await res.text()}`);
  return (await res.json()) as T;
}

/** YYYY-MM-DD, `days` from today. */
export const dayFromToday = (days: number): string =>
  new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** A new context signed in as `email` (its `request` calls the API with the session). */
export async function signedInContext(k: E2E, email: string, password: string): Promise<BrowserContext> {
  const context = await k.newContext();
  const res = await context.request.post('/api/auth/login', { data: { email, password } });
  if (!res.ok()) throw new Error(`sign-in of ${email} answered ${res.status()}`);
  return context;
}

/**
 * What an officer's flows start from: the admin creates the officer, the workplaces named and a
 * current season; both come back signed in, with the workplaces' ids in the order given, and
 * `close` for their contexts.
 */
export async function officerWithSeason(
  k: E2E,
  officer: { email: string; password: string; name: string },
  workplaceNames: readonly string[],
): Promise<{
  admin: APIRequestContext;
  officer: APIRequestContext;
  workplaceIds: string[];
  close: () => Promise<void>;
}> {
  const adminContext = await signedInContext(k, ADMIN.email, ADMIN.password);
  const admin = adminContext.request;
  await apiPost(admin, '/api/users', {
    email: officer.email,
    displayName: officer.name,
    role: 'officer',
    password: officer.password,
  });
  const workplaceIds: string[] = [];
  for (const name of workplaceNames) {
    workplaceIds.push((await apiPost<{ id: string }>(admin, '/api/workplaces', { name })).id);
  }
  await apiPost(admin, '/api/seasons', {
    name: 'E2E 春闘',
    startsOn: dayFromToday(-30),
    endsOn: dayFromToday(120),
  });
  const officerContext = await signedInContext(k, officer.email, officer.password);
  return {
    admin,
    officer: officerContext.request,
    workplaceIds,
    close: async () => {
      await adminContext.close();
      await officerContext.close();
    },
  };
}

/** No axe violation of serious or critical impact on the page, each one listed if there are. */
export async function expectNoSeriousViolations(page: Page, name: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = serious
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} ${v.helpUrl}\n` +
        v.nodes
          .map((n) => `    ${n.target.join(' ')}  ${n.failureSummary?.split('\n').join(' ') ?? ''}`)
          .join('\n'),
    )
    .join('\n');
  expect(serious, `axe on ${name} (${page.url()}):\n${report}`).toEqual([]);
}
