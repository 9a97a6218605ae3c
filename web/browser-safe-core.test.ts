import path from "node:path";
import { build } from "vite";
import { describe, expect, it } from "vitest";
import { browserSafeCore, browserUnsafeReason } from "./browser-safe-core.js";

const src = path.resolve(import.meta.dirname, "src");

describe("browserUnsafeReason", () => {
  it("refuses Node built-ins with or without the node: prefix, and their subpaths", () => {
    expect(browserUnsafeReason("node:fs", path.join(src, "main.ts"))).toMatch(/Node built-in/);
    expect(browserUnsafeReason("fs", path.join(src, "main.ts"))).toMatch(/Node built-in/);
    expect(browserUnsafeReason("fs/promises", path.join(src, "main.ts"))).toMatch(/Node built-in/);
    expect(browserUnsafeReason("worker_threads", undefined)).toMatch(/Node built-in/);
  });

  it("refuses src/node and src/cli, and allows the browser-safe core and packages", () => {
    expect(browserUnsafeReason("../../src/node/index.js", path.join(src, "main.ts"))).toMatch(/Node-only/);
    expect(browserUnsafeReason("../../../src/cli/main.js", path.join(src, "worker", "w.ts"))).toMatch(/Node-only/);
    expect(browserUnsafeReason("../../src/index.js", path.join(src, "main.ts"))).toBeNull();
    expect(browserUnsafeReason("../../src/math/rng.js", path.join(src, "main.ts"))).toBeNull();
    expect(browserUnsafeReason("vega-embed", path.join(src, "main.ts"))).toBeNull();
  });

  it("makes a real Vite build fail when a page imports a node: module", async () => {
    const failing = build({
      configFile: false,
      logLevel: "silent",
      root: src,
      plugins: [
        browserSafeCore(),
        {
          name: "entry-that-imports-node",
          resolveId: (id) => (id === "virtual:entry" ? "\0virtual:entry" : null),
          load: (id) =>
            id === "\0virtual:entry" ? 'import { readFileSync } from "node:fs"; readFileSync("x");' : null,
        },
      ],
      build: { write: false, rollupOptions: { input: "virtual:entry" } },
    });
    await expect(failing).rejects.toThrow(/browser-safe core: 'node:fs' is a Node built-in module/);
  });
});
