#!/usr/bin/env node
// The test suite needs two programs a new machine of our kind (Node, npm, python3, make, g++) does not have:
// Debian's Chromium for the playground's browser test (web/e2e.test.ts) and Debian's redis-server for the
// work-queue tests (src/node/many/queue.test.ts; test/redis-setup.ts starts a private server for the run).
// `npm test` installs whichever is missing here — Debian's packages, nothing downloaded from elsewhere — instead
// of letting those tests fail or skip. Needs root and apt-get, as on our development and CI machines; anywhere
// else it stops with the command to run.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";

const NEEDED = [
  { binary: "/usr/bin/chromium", apt: "chromium", why: "the browser test" },
  { binary: "/usr/bin/redis-server", apt: "redis-server", why: "the work-queue tests" },
];

const missing = NEEDED.filter((tool) => !existsSync(tool.binary));
if (missing.length > 0) {
  const packages = missing.map((tool) => tool.apt);
  const what = missing.map((tool) => `${tool.binary} (${tool.why})`).join(" and ");
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  if (!isRoot || !existsSync("/usr/bin/apt-get")) {
    console.error(
      `infonce tests: ${what} missing and cannot be installed from here (needs root and apt-get). ` +
        `Install Debian's packages: sudo apt-get update && sudo apt-get install -y ${packages.join(" ")}`,
    );
    process.exit(1);
  }
  console.error(`infonce tests: ${what} missing; installing Debian's ${packages.join(", ")}`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const run = (args) => execFileSync("apt-get", args, { stdio: ["ignore", "ignore", "inherit"], env });
  try {
    run(["update"]);
    run(["install", "-y", ...packages]);
  } catch {
    console.error(`infonce tests: apt-get install ${packages.join(" ")} failed (see above)`);
    process.exit(1);
  }
  const still = missing.filter((tool) => !existsSync(tool.binary));
  if (still.length > 0) {
    console.error(`infonce tests: installed, but ${still.map((tool) => tool.binary).join(", ")} still missing`);
    process.exit(1);
  }
}
