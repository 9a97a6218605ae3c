#!/usr/bin/env node
// `npm start`: the demo, built first only when a source is newer than the build (npm ci's "prepare" has already
// built it, and a full tsc build costs more CPU than the demo's slowest estimator). Arguments pass to `infonce demo`.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const bin = join(root, "dist", "src", "cli", "bin.js");

/** The newest modification time under `dir` (TypeScript sources only), in ms. */
function newest(dir) {
  let t = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) t = Math.max(t, newest(p));
    else if (entry.name.endsWith(".ts")) t = Math.max(t, statSync(p).mtimeMs);
  }
  return t;
}

const sources = Math.max(
  newest(join(root, "src")),
  ...["package.json", "tsconfig.json", "tsconfig.build.json"].map((f) => statSync(join(root, f)).mtimeMs),
);
if (!existsSync(bin) || statSync(bin).mtimeMs < sources) {
  const build = spawnSync("npm", ["run", "-s", "build"], { cwd: root, stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
// Ctrl-C reaches the demo too (same process group); it stops cleanly and prints what it has, so wait for it.
process.on("SIGINT", () => {});
const demo = spawnSync(process.execPath, [bin, "demo", ...process.argv.slice(2)], { stdio: "inherit" });
process.exit(demo.status ?? 1);
