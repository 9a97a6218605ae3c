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
export async function openPlayground(viewport = { width: 1280, height: 900 }): Promise<PlaygroundSession> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} is missing: the playground's browser tests need Debian's Chromium. ` +
        "Install it with 'apt-get update && apt-get install -y chromium' (.ci/run does this on CI).",
    );
  }
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
    // launchPersistentContext is how Playwright takes a --user-data-dir: a fresh profile per session.
    context = await chromium.launchPersistentContext(path.join(tmp, "profile"), {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport,
    });
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
