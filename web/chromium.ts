import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { build } from "vite";
import { type StaticServer, startStaticServer } from "../src/cli/commands/serve.js";

/** Debian's Chromium: .ci/run installs the `chromium` package; nothing is downloaded. */
export const CHROMIUM = "/usr/bin/chromium";
const ROOT = path.resolve(import.meta.dirname, "..");

/** Flags for a quiet, reproducible headless Chromium that talks to nothing but our server. */
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

const DEFAULT_VIEWPORT = { width: 1280, height: 900 };

/**
 * Debian's Chromium on the profile folder `profileDir` (a new folder is a fresh profile: nothing cached, nothing
 * compiled). Throws, with the install command, when Chromium is missing.
 */
export async function launchChromium(profileDir: string, viewport = DEFAULT_VIEWPORT): Promise<BrowserContext> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} is missing: the playground's browser tests need Debian's Chromium. ` +
        "Install it with 'apt-get update && apt-get install -y chromium' (.ci/run does this on CI).",
    );
  }
  // launchPersistentContext is how Playwright takes a --user-data-dir.
  return chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport,
  });
}

/**
 * First view interactive: milliseconds from navigating `page` to `url` until the page is wired (body
 * data-ready) and the Train chart is drawn. What the e2e test reports and web/first-view-speed.ts repeats.
 */
export async function firstViewMs(page: Page, url: string): Promise<number> {
  const t0 = Date.now();
  await page.goto(url);
  await page.locator('body[data-ready="true"]').waitFor({ timeout: 60_000 });
  await page.locator("#train-chart svg.marks").waitFor({ timeout: 30_000 });
  return Date.now() - t0;
}

/** The built playground served on 127.0.0.1 and a fresh Chromium profile looking at it. */
export interface PlaygroundSession {
  readonly url: string;
  readonly context: BrowserContext;
  readonly page: Page;
  close(): Promise<void>;
}

/**
 * Builds the production page into a temporary folder (`vite build`, with the browser-safe-core guard), serves
 * it with `infonce serve`'s server on a free port, and opens it in Debian's Chromium with a fresh
 * --user-data-dir. Throws, with the install command, when Chromium is missing.
 */
export async function openPlayground(viewport = DEFAULT_VIEWPORT): Promise<PlaygroundSession> {
  const tmp = mkdtempSync(path.join(tmpdir(), "infonce-web-"));
  let server: StaticServer | undefined;
  let context: BrowserContext | undefined;
  try {
    const outDir = path.join(tmp, "dist");
    await build({
      configFile: path.join(ROOT, "web", "vite.config.ts"),
      logLevel: "warn",
      build: { outDir, emptyOutDir: true },
    });
    server = await startStaticServer(outDir, "127.0.0.1", 0);
    context = await launchChromium(path.join(tmp, "profile"), viewport);
    const page = context.pages()[0] ?? (await context.newPage());
    const opened = { server, context };
    return {
      url: server.url,
      context,
      page,
      close: async () => {
        await opened.context.close();
        await opened.server.close();
        rmSync(tmp, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await context?.close();
    await server?.close();
    rmSync(tmp, { recursive: true, force: true });
    throw error;
  }
}
