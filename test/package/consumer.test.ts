import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * The package as a dependency: `npm pack` the repo, install the tarball into a fresh strict NodeNext TypeScript
 * project, compile a consumer that imports every entry ("infonce", "infonce/node", "infonce/core") and run it.
 * Catches exports whose `types` do not match the condition Node resolves (TS2724 on `loadEngine` from
 * "infonce" before), files missing from the tarball, and CommonJS consumers getting an unclear failure.
 */
const ROOT = path.resolve(import.meta.dirname, "..", "..");
const BIN = path.join(ROOT, "node_modules", ".bin");

let dir: string;
let tarball: string;

const CONSUMER = `
import { ESTIMATORS, getTask, InfonceError, loadEngine } from "infonce";
import { gaussianMIFromCorrelation } from "infonce/core";
import { DATA_FORMATS } from "infonce/node";

const engine = await loadEngine();
const task = getTask("1v1-normal-0.75");
const ksg = ESTIMATORS.ksg;
if (ksg === undefined) throw new InfonceError("E_INTERNAL", "ksg is not registered");
const estimate = await ksg.estimate(task.sample(2000, 1));
console.log(JSON.stringify({
  engine: engine.engine,
  estimate: estimate.estimate,
  truth: task.trueMI,
  closedForm: gaussianMIFromCorrelation(0.75, 1),
  formats: DATA_FORMATS.length,
}));
`;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "infonce-consumer-"));
  // --ignore-scripts: the tests already built dist/; the prepare script would rebuild it.
  execFileSync("npm", ["pack", "--ignore-scripts", "--pack-destination", dir], { cwd: ROOT, stdio: "ignore" });
  const name = readdirSync(dir).find((f) => f.endsWith(".tgz"));
  if (name === undefined) throw new Error(`npm pack left no tarball in ${dir}`);
  tarball = path.join(dir, name);
  writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
  writeFileSync(
    path.join(dir, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        target: "ES2022",
        module: "NodeNext",
        moduleResolution: "NodeNext",
        strict: true,
        noUncheckedIndexedAccess: true,
        skipLibCheck: false,
        typeRoots: [path.join(ROOT, "node_modules", "@types")],
        types: ["node"],
        outDir: "out",
      },
      include: ["main.ts"],
    }),
  );
  writeFileSync(path.join(dir, "main.ts"), CONSUMER);
  // The registry's packages from npm's cache where it has them; the addon build is not what is tested here.
  execFileSync("npm", ["install", "--ignore-scripts", "--no-audit", "--no-fund", "--prefer-offline", tarball], {
    cwd: dir,
    stdio: "ignore",
  });
}, 240_000);

afterAll(() => {
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

describe("the packed package in a fresh TypeScript project", () => {
  it("ships the built library and the addon sources, and no source maps, tests, benchmarks or scripts", () => {
    const listing = execFileSync("tar", ["-tzf", tarball], { encoding: "utf8" }).split("\n");
    expect(listing).toContain("package/dist/src/index.js");
    expect(listing).toContain("package/dist/src/node/index.d.ts");
    expect(listing).toContain("package/LICENSE");
    expect(listing).toContain("package/binding.gyp");
    expect(listing.filter((f) => f.endsWith(".map"))).toEqual([]);
    expect(listing.filter((f) => f.includes(".test."))).toEqual([]);
    expect(listing.filter((f) => f.startsWith("package/dist/bench/"))).toEqual([]);
    expect(listing.filter((f) => f.endsWith(".py"))).toEqual([]);
  });

  it("compiles under strict NodeNext with noUncheckedIndexedAccess, importing all three entries", () => {
    const tsc = spawnSync(path.join(BIN, "tsc"), ["-p", dir], { encoding: "utf8" });
    expect(tsc.stdout + tsc.stderr).toBe("");
    expect(tsc.status).toBe(0);
  }, 120_000);

  it("runs: the node entry loads an engine and KSG estimates the task near its true MI", () => {
    const out = execFileSync("node", [path.join(dir, "out", "main.js")], { cwd: dir, encoding: "utf8" });
    const result = JSON.parse(out) as { engine: string; estimate: number; truth: number; closedForm: number };
    expect(["native", "wasm", "ts"]).toContain(result.engine);
    expect(result.closedForm).toBeCloseTo(result.truth, 12);
    expect(Math.abs(result.estimate - result.truth)).toBeLessThan(0.06);
  }, 120_000);

  it("serves a CommonJS consumer: require() works where Node loads ES modules that way, else Node says why", () => {
    const script = "console.log(require('infonce').getTask('1v1-normal-0.75').trueMI)";
    const run = spawnSync("node", ["-e", script], { cwd: dir, encoding: "utf8" });
    if (run.status === 0) expect(Number(run.stdout)).toBeCloseTo(-0.5 * Math.log(1 - 0.75 ** 2), 12);
    else expect(run.stderr).toMatch(/ERR_REQUIRE_ESM/);
  });
});
