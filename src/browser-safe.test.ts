import { readdirSync, readFileSync, statSync } from "node:fs";
import { builtinModules } from "node:module";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// The core (src/ outside src/node and src/cli) is bundled for the browser: it may not import Node built-ins
// (with or without the node: prefix) nor touch `process` or `Buffer`. Test files run in Node and are exempt.

const SRC = fileURLToPath(new URL(".", import.meta.url));
const EXEMPT_DIRS = new Set([join(SRC, "node"), join(SRC, "cli")]);

function coreFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (!EXEMPT_DIRS.has(path)) coreFiles(path, out);
    } else if (/\.(ts|tsx|js|mjs)$/.test(name) && !/\.test\.(ts|tsx|js|mjs)$/.test(name)) {
      out.push(path);
    }
  }
  return out;
}

/** Source without comments (block comments, and line comments not inside a string such as "http://…"). */
function stripComments(src: string): string {
  return src.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:"'`\\])\/\/.*$/gm, "$1");
}

const BUILTINS = new Set(builtinModules.filter((m) => !m.startsWith("_")));

/** Offending uses in one file, as "line N: text". */
function nodeOnlyUses(src: string): string[] {
  const found: string[] = [];
  stripComments(src)
    .split("\n")
    .forEach((line, n) => {
      const specifiers = [...line.matchAll(/(?:from\s*|import\s*\(\s*|require\s*\(\s*|import\s+)["']([^"']+)["']/g)];
      for (const m of specifiers) {
        const spec = m[1] ?? "";
        if (spec.startsWith("node:") || BUILTINS.has(spec) || BUILTINS.has(spec.split("/")[0] ?? "")) {
          found.push(`line ${n + 1}: imports "${spec}"`);
        }
      }
      if (/(^|[^\w.$])process\s*[.[]/.test(line)) found.push(`line ${n + 1}: uses process`);
      if (/(^|[^\w.$])Buffer\b/.test(line)) found.push(`line ${n + 1}: uses Buffer`);
      if (/(^|[^\w.$])require\s*\(/.test(line)) found.push(`line ${n + 1}: uses require`);
    });
  return found;
}

describe("browser-safe core", () => {
  it("no file in src/ outside src/node and src/cli imports a Node built-in or uses process/Buffer", () => {
    const files = coreFiles(SRC);
    expect(files.length).toBeGreaterThan(5);
    const problems: string[] = [];
    for (const f of files) {
      for (const p of nodeOnlyUses(readFileSync(f, "utf8"))) problems.push(`src/${relative(SRC, f)} ${p}`);
    }
    if (problems.length) expect.fail(`Node-only code in the browser-safe core:\n${problems.join("\n")}`);
  });
  it("the scanner catches each forbidden form and ignores comments and look-alikes", () => {
    expect(nodeOnlyUses('import { readFileSync } from "node:fs";')).toHaveLength(1);
    expect(nodeOnlyUses('import fs from "fs";')).toHaveLength(1);
    expect(nodeOnlyUses('const p = await import("node:path");')).toHaveLength(1);
    expect(nodeOnlyUses('import "node:worker_threads";')).toHaveLength(1);
    expect(nodeOnlyUses("const n = process.env.X;")).toHaveLength(1);
    expect(nodeOnlyUses("const b = Buffer.from(x);")).toHaveLength(1);
    expect(nodeOnlyUses('const m = require("x");')).toHaveLength(1);
    expect(nodeOnlyUses("// process.exit is for the CLI only\n/* Buffer */ const x = 1;")).toHaveLength(0);
    expect(nodeOnlyUses('const u = "http://example.org"; const preprocess = 1; obj.process = 2;')).toHaveLength(0);
    expect(nodeOnlyUses('import { x } from "./fs.js";')).toHaveLength(0);
  });
});
