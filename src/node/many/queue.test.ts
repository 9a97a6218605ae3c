import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN, runBin } from "../../../test/helpers/run-bin.js";
import { tempDir } from "../../../test/helpers/temp-dir.js";
import { createRng } from "../../math/rng.js";
import { checkQueue } from "./queue-connection.js";

// The queue tests need a Redis server; they start none themselves (only worker processes). .ci/run starts
// Debian's redis-server on 127.0.0.1:6379 and sets INFONCE_TEST_REDIS; without it the same default is tried, and
// a Redis that does not answer fails these tests with the remedy, instead of skipping them silently.
const REDIS = process.env.INFONCE_TEST_REDIS ?? "redis://127.0.0.1:6379";
// A queue of its own per test run, so concurrent runs on a shared Redis do not take each other's tiles.
const QUEUE_NAME = `infonce-test-${randomUUID().slice(0, 8)}`;
const QUEUE = `${REDIS}?queue=${QUEUE_NAME}`;
const tmp = tempDir();

function table(cols: number, n: number): string {
  const rng = createRng(9);
  const lines = [Array.from({ length: cols }, (_, j) => `c${j}`).join(",")];
  for (let i = 0; i < n; i++) {
    const v = Array.from({ length: cols }, () => rng.normal());
    for (let j = 1; j < cols; j += 3) v[j] = (v[j - 1] as number) + rng.normal();
    lines.push(v.join(","));
  }
  return `${lines.join("\n")}\n`;
}

/** A child process with its stderr collected. */
function start(args: string[]): { child: ChildProcess; err: () => string; out: () => string; exit: Promise<number> } {
  const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, NO_COLOR: "1" } });
  let err = "";
  let out = "";
  child.stderr?.on("data", (d) => {
    err += String(d);
  });
  child.stdout?.on("data", (d) => {
    out += String(d);
  });
  const exit = new Promise<number>((resolve) => child.on("exit", (code, signal) => resolve(code ?? (signal ? -1 : 0))));
  return { child, err: () => err, out: () => out, exit };
}

const children: ChildProcess[] = [];

beforeAll(async () => {
  try {
    await checkQueue(REDIS);
  } catch (e) {
    throw new Error(
      `the queue tests need Redis at ${REDIS} (${(e as Error).message}). Start one: redis-server --bind 127.0.0.1 --port 6379 --save '' --daemonize yes, or set INFONCE_TEST_REDIS=redis://host:port`,
    );
  }
});

afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill("SIGKILL");
  const u = new URL(REDIS);
  const redis = new Redis({ host: u.hostname, port: Number(u.port || 6379), lazyConnect: true });
  await redis.connect();
  const keys = await redis.keys(`bull:${QUEUE_NAME}:*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
});

describe("BullMQ work queue", () => {
  it("two workers, one killed mid-run: the matrix is identical to the single-process one", async () => {
    const file = tmp.write("q.csv", table(24, 800));
    const local = runBin(["matrix", file, "--json", "--quiet", "--threads", "1", "--replicates", "4"]);
    expect(local.code).toBe(0);
    const w1 = start(["worker", "--queue", QUEUE, "--lock-ms", "4000"]);
    const w2 = start(["worker", "--queue", QUEUE, "--lock-ms", "4000"]);
    children.push(w1.child, w2.child);
    const submit = start(["matrix", file, "--queue", QUEUE, "--json", "--quiet", "--replicates", "4"]);
    children.push(submit.child);
    // Kill worker 1 once it has finished a tile, so that it dies holding (or about to take) another.
    for (let t = 0; t < 600 && !/tile \d+: \d+ pairs/.test(w1.err()); t++) await new Promise((r) => setTimeout(r, 100));
    expect(w1.err()).toMatch(/tile \d+: \d+ pairs/);
    expect(submit.child.exitCode).toBeNull(); // the run is not over when the worker dies
    w1.child.kill("SIGKILL");
    const code = await submit.exit;
    expect(code).toBe(0);
    expect(submit.out()).toBe(local.out);
    expect(w2.err()).toMatch(/tile \d+: \d+ pairs/);
    w2.child.kill("SIGINT");
    expect(await w2.exit).toBe(0);
  }, 240_000);

  it("a text column stays categorical on a worker: the ranking equals the single-process one", async () => {
    // 30 labels: as bare codes 0…29 they would pass for a continuous column (more than 20 values), and auto would
    // choose KSG instead of the categorical estimator on the worker.
    const rng = createRng(4);
    const lines = ["grp,x,y"];
    for (let i = 0; i < 600; i++) {
      const g = rng.int(30);
      lines.push(`L${g},${rng.normal()},${g / 10 + rng.normal()}`);
    }
    const file = tmp.write("labels.csv", `${lines.join("\n")}\n`);
    const args = ["rank", file, "--target", "y", "--json", "--quiet", "--replicates", "4"];
    const local = runBin([...args, "--threads", "1"]);
    expect(local.code).toBe(0);
    expect(JSON.parse(local.out).features.find((f: { name: string }) => f.name === "grp").estimator).not.toBe("ksg");
    const w = start(["worker", "--queue", QUEUE, "--lock-ms", "4000"]);
    children.push(w.child);
    const submit = start([...args, "--queue", QUEUE]);
    children.push(submit.child);
    expect(await submit.exit).toBe(0);
    expect(submit.out()).toBe(local.out);
    w.child.kill("SIGINT");
    expect(await w.exit).toBe(0);
  }, 120_000);

  it("a Redis URL that does not answer is one E_IO line, and nothing is written", () => {
    const file = tmp.write("small.csv", table(4, 50));
    const out = join(tmp.dir, "never.json");
    const r = runBin(["rank", file, "--target", "c0", "--queue", "redis://127.0.0.1:1", "--out", out]);
    expect(r.code).toBe(4);
    expect(r.err.trim().split("\n")).toHaveLength(1);
    expect(r.err).toMatch(/redis:\/\/127\.0\.0\.1:1: Redis does not answer/);
    expect(existsSync(out)).toBe(false);
    const w = runBin(["worker", "--queue", "redis://127.0.0.1:1"]);
    expect(w.code).toBe(4);
    expect(w.err.trim().split("\n")).toEqual([expect.stringMatching(/Redis does not answer/)]);
  });
});
