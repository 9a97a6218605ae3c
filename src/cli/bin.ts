#!/usr/bin/env node
import { runCli } from "./main.js";

// The only place that touches process.* directly: everything else goes through the injected CliIO.
const stop = { stopped: false };
process.on("SIGINT", () => {
  if (stop.stopped) process.exit(130); // a second Ctrl-C leaves at once
  stop.stopped = true;
  process.stderr.write("\ninfonce: stopping after the current step (Ctrl-C again to quit now)…\n");
});
const code = await runCli(process.argv.slice(2), {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  errIsTTY: process.stderr.isTTY === true,
  stdin: process.stdin,
  env: process.env,
  cwd: process.cwd(),
  stop,
});
process.exitCode = code;
