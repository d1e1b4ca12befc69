import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/**
 * Helpers for tests that run the built app in real headless Chromium: a static server for
 * dist/, the browser, and recorders for requests and console errors.
 */

export const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
/** STATECRAFT_DIST lets parallel work build and test separate copies of the app. */
export const distDir = process.env.STATECRAFT_DIST ?? join(repoRoot, 'dist');

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.csv': 'text/csv; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

export interface RunningApp {
  /** The app's URL, ending in `/`. */
  url: string;
  origin: string;
  stop(): Promise<void>;
}

/** Serves the built dist/ folder on 127.0.0.1 at a free port. `npm run build` must have run. */
export async function startApp(root: string = distDir): Promise<RunningApp> {
  if (!existsSync(join(root, 'index.html'))) {
    throw new Error(
      `No built app in ${root}: run \`npm run build\` (or \`npx vite build\`) before the browser tests.`,
    );
  }
  const server = createServer((request, response) => {
    serveFile(root, request, response).catch((error: unknown) => {
      response.writeHead(500, { 'content-type': 'text/plain' });
      response.end(String(error));
    });
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', done);
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/`,
    origin,
    stop: () =>
      new Promise<void>((done, fail) => {
        server.closeAllConnections();
        server.close((error) => (error ? fail(error) : done()));
      }),
  };
}

async function serveFile(root: string, request: IncomingMessage, response: ServerResponse) {
  const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
  const file = resolve(root, `.${pathname.endsWith('/') ? `${pathname}index.html` : pathname}`);
  if (file !== root && !file.startsWith(root + sep)) {
    response.writeHead(403).end();
    return;
  }
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile()) {
    response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
    return;
  }
  // What docs/hosting.md asks of a static host: Vite's hashed assets never change under their
  // name, so they are cached for good (and Chromium keeps their compiled code, the .wasm's
  // too); anything else, index.html first, is asked for again each visit and answered 304
  // while unchanged.
  const tag = `"${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}"`;
  const hashed = pathname.includes('/assets/');
  const caching = hashed
    ? { 'cache-control': 'public, max-age=31536000, immutable' }
    : { 'cache-control': 'no-cache', etag: tag };
  if (!hashed && request.headers['if-none-match'] === tag) {
    response.writeHead(304, caching).end();
    return;
  }
  response.writeHead(200, {
    'content-type': MIME_TYPES[extname(file)] ?? 'application/octet-stream',
    'content-length': info.size,
    ...caching,
  });
  if (request.method === 'HEAD') response.end();
  else response.end(await readFile(file));
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

export interface RequestLog {
  /** Every URL requested, by the page and its workers, in order. */
  all: string[];
  /** Requests the browser refused before sending them (Content-Security-Policy). */
  blocked: string[];
  /** Requests that went out to anywhere but the app's origin (data: never leaves the browser). */
  foreign(): string[];
}

/**
 * Records every request made in a browser context (pages and their workers). Attach it before
 * opening the page so nothing slips through.
 */
export function recordRequests(context: BrowserContext, appOrigin: string): RequestLog {
  const all: string[] = [];
  const blocked: string[] = [];
  context.on('request', (request) => {
    all.push(request.url());
  });
  context.on('requestfailed', (request) => {
    // Chromium reports net::ERR_BLOCKED_BY_CSP as "csp": the request never left the browser.
    if (/csp/i.test(request.failure()?.errorText ?? '')) blocked.push(request.url());
  });
  return {
    all,
    blocked,
    foreign: () =>
      all.filter(
        (url) => !url.startsWith('data:') && originOf(url) !== appOrigin && !blocked.includes(url),
      ),
  };
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}

/** Collects console errors and uncaught exceptions of a page (CSP violations included). */
export function collectConsoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => {
    errors.push(`Uncaught: ${error.message}`);
  });
  return errors;
}

/** Opens the app and waits until DuckDB is up; returns the milliseconds that took. */
export async function openApp(page: Page, url: string, timeout = 120_000): Promise<number> {
  const started = performance.now();
  await page.goto(url);
  await page.waitForSelector('#app[data-state="ready"], #app[data-state="error"]', { timeout });
  const state = await page.getAttribute('#app', 'data-state');
  if (state !== 'ready') {
    throw new Error(`The app did not start: ${await page.textContent('#app')}`);
  }
  return performance.now() - started;
}
