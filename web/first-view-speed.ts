/**
 * First view interactive of built playgrounds, in turn, each time in a fresh Chromium profile (the e2e test's
 * measurement, firstViewMs, repeated): to compare two builds on a shared machine, alternate them so the load
 * falls on both alike.
 *
 *   npx tsx web/first-view-speed.ts REPS DIR [DIR…]      (DIR: a built page, e.g. web/dist of npm run web:build)
 *
 * Prints each measurement with the load average, then each build's median, min and max.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startStaticServer } from "../src/cli/commands/serve.js";
import { firstViewMs, launchChromium } from "./chromium.js";

const reps = Number(process.argv[2]);
const dirs = process.argv.slice(3);
if (!Number.isInteger(reps) || reps < 1 || dirs.length === 0) {
  console.error("usage: npx tsx web/first-view-speed.ts REPS DIR [DIR…]");
  process.exit(2);
}
const servers = await Promise.all(dirs.map((dir) => startStaticServer(dir, "127.0.0.1", 0)));
const times = dirs.map((): number[] => []);
try {
  for (let r = 0; r < reps; r++) {
    for (const [i, server] of servers.entries()) {
      const profile = mkdtempSync(path.join(os.tmpdir(), "infonce-first-view-"));
      const context = await launchChromium(profile);
      try {
        const page = context.pages()[0] ?? (await context.newPage());
        const ms = await firstViewMs(page, server.url);
        times[i]?.push(ms);
        console.log(`${dirs[i]}: ${ms} ms (load average ${os.loadavg()[0]?.toFixed(2)} on ${os.cpus().length} cores)`);
      } finally {
        await context.close();
        rmSync(profile, { recursive: true, force: true });
      }
    }
  }
} finally {
  for (const server of servers) await server.close();
}
for (const [i, dir] of dirs.entries()) {
  const sorted = [...(times[i] ?? [])].sort((a, b) => a - b);
  const mid = sorted.length / 2;
  const median = sorted.length % 2 === 1 ? sorted[Math.floor(mid)] : (sorted[mid - 1]! + sorted[mid]!) / 2;
  console.log(`${dir}: median ${median} ms, min ${sorted[0]}, max ${sorted[sorted.length - 1]}, n ${sorted.length}`);
}
