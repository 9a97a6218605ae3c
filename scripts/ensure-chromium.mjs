#!/usr/bin/env node
// The playground's browser test (web/e2e.test.ts) drives Debian's Chromium. A new machine of our kind (Node,
// npm, python3, make, g++) does not have it, so `npm test` installs it here — Debian's package, nothing
// downloaded from elsewhere — instead of letting the browser test fail or skip. Needs root and apt-get, as on
// our development and CI machines; anywhere else it stops with the command to run.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";

const CHROMIUM = "/usr/bin/chromium";

if (!existsSync(CHROMIUM)) {
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  const hasApt = existsSync("/usr/bin/apt-get");
  if (!isRoot || !hasApt) {
    console.error(
      `infonce tests: ${CHROMIUM} is missing and cannot be installed from here (needs root and apt-get). ` +
        "Install Debian's Chromium: sudo apt-get update && sudo apt-get install -y chromium",
    );
    process.exit(1);
  }
  console.error(`infonce tests: ${CHROMIUM} is missing; installing Debian's chromium package for the browser test`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const run = (args) => execFileSync("apt-get", args, { stdio: ["ignore", "ignore", "inherit"], env });
  try {
    run(["update"]);
    run(["install", "-y", "chromium"]);
  } catch {
    console.error("infonce tests: apt-get install chromium failed (see above); the browser test cannot run");
    process.exit(1);
  }
  if (!existsSync(CHROMIUM)) {
    console.error(`infonce tests: the chromium package installed, but ${CHROMIUM} is still missing`);
    process.exit(1);
  }
}
