import { type ChildProcess, spawn } from "node:child_process";
import { connect } from "node:net";

/**
 * Vitest global setup: the work-queue tests need a Redis. When INFONCE_TEST_REDIS names one (.ci/run starts
 * Debian's redis-server on 127.0.0.1:6379 and sets it), that one is used. Otherwise a private redis-server is
 * started on a free loopback port for this run only — nothing persisted, stopped at the end — so `npm test` on a
 * developer's machine needs no service running. The test workers are forked after this runs and inherit the
 * variable.
 */
let server: ChildProcess | undefined;

function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port }, () => {
      socket.end();
      resolve(true);
    });
    socket.on("error", () => resolve(false));
  });
}

export async function setup(): Promise<void> {
  if (process.env.INFONCE_TEST_REDIS !== undefined) return;
  const port = 20000 + Math.floor(Math.random() * 20000);
  server = spawn("redis-server", ["--bind", "127.0.0.1", "--port", String(port), "--save", "", "--appendonly", "no"], {
    stdio: "ignore",
  });
  // No Redis binary: leave the variable unset; the queue tests then fail with the command that installs it.
  const spawned = await new Promise<boolean>((resolve) => {
    server?.once("error", () => resolve(false));
    server?.once("spawn", () => resolve(true));
  });
  if (!spawned) {
    server = undefined;
    return;
  }
  for (let i = 0; i < 100; i++) {
    if (await answers(port)) {
      process.env.INFONCE_TEST_REDIS = `redis://127.0.0.1:${port}`;
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export async function teardown(): Promise<void> {
  server?.kill("SIGTERM");
}
