#!/usr/bin/env node
// package.json "install": builds the optional N-API addon with node-gyp. It never fails the install: when the
// addon cannot be built (no compiler, no headers, an unsupported platform) it prints one line and exits 0, and
// infonce runs on the WebAssembly engine instead. INFONCE_SKIP_NATIVE=1 skips the build.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const log = join(root, "build", "native-build.log");

function gypCommand() {
  // npm exports the path of its bundled node-gyp to lifecycle scripts; outside npm, try the one on PATH.
  const bundled = process.env.npm_config_node_gyp;
  if (bundled && existsSync(bundled)) return { cmd: process.execPath, args: [bundled, "rebuild"] };
  return { cmd: process.platform === "win32" ? "node-gyp.cmd" : "node-gyp", args: ["rebuild"] };
}

if (process.env.INFONCE_SKIP_NATIVE === "1") {
  console.log("infonce: INFONCE_SKIP_NATIVE=1, native addon not built; the WebAssembly engine will be used.");
  process.exit(0);
}

const { cmd, args } = gypCommand();
const r = spawnSync(cmd, args, { cwd: root, encoding: "utf8", env: process.env });
const built = r.status === 0 && existsSync(join(root, "build", "Release", "infonce_native.node"));
if (!built) {
  try {
    mkdirSync(dirname(log), { recursive: true });
    writeFileSync(
      log,
      `${cmd} ${args.join(" ")}\n${r.error ? String(r.error) : ""}\n${r.stdout ?? ""}\n${r.stderr ?? ""}`,
    );
  } catch {
    // the log is a courtesy; never fail the install over it
  }
  console.log(
    `infonce: native addon could not be built (${r.error ? r.error.message : `node-gyp exit ${r.status}`}; log: ${log}); the WebAssembly engine will be used.`,
  );
}
process.exit(0);
