import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * The package as a dependency: `npm pack` the repo, install the tarball into a fresh strict NodeNext TypeScript
 * project, compile a consumer that imports every entry ("infonce", "infonce/node", "infonce/core") and run it.
 * Catches exports whose `types` do not match the condition Node resolves (TS2724 on `loadEngine` from
 * "infonce" before), files missing from the tarball, and CommonJS consumers getting an unclear failure.
 */
const ROOT = path.resolve(import.meta.dirname, "..", "..");
const BIN = path.join(ROOT, "node_modules", ".bin");

/**
 * Runs a command without blocking the event loop (npm and tsc take tens of seconds; a synchronous call would
 * starve vitest's worker RPC). Resolves with the exit status and output instead of throwing on failure.
 */
async function run(file: string, args: readonly string[], cwd: string) {
  try {
    const { stdout, stderr } = await promisify(execFile)(file, args, { cwd, encoding: "utf8" });
    return { status: 0, stdout, stderr };
  } catch (e) {
    const failed = e as { code?: unknown; stdout?: string; stderr?: string };
    const status = typeof failed.code === "number" ? failed.code : 1;
    return { status, stdout: failed.stdout ?? "", stderr: failed.stderr ?? String(e) };
  }
}

/** run(), failing the test with the command's output when it exits non-zero. */
async function mustRun(file: string, args: readonly string[], cwd: string): Promise<string> {
  const result = await run(file, args, cwd);
  if (result.status !== 0) throw new Error(`${file} ${args.join(" ")} failed:\n${result.stderr}`);
  return result.stdout;
}

let dir: string;
let tarball: string;

const CONSUMER = `
import { ESTIMATORS, getTask, InfonceError, loadEngine } from "infonce";
import { gaussianMIFromCorrelation } from "infonce/core";
import { DATA_FORMATS } from "infonce/node";

const engine = await loadEngine();
const task = getTask("1v1-normal-0.75");
const estimate = await ESTIMATORS.ksg.estimate(task.sample(2000, 1), { k: 3 });
// Typed settings: read without a cast.
const k: number = estimate.settings.k;
// A typo'd option does not compile (tsc fails on an unused @ts-expect-error if it ever does), and at run time it is
// an E_ARG error naming the valid key.
let typo = "";
try {
  // @ts-expect-error: maxStep is not a setting of infonce (maxSteps is)
  await ESTIMATORS.infonce.estimate(task.sample(200, 1), { maxStep: 20 });
} catch (e) {
  typo = e instanceof InfonceError ? \`\${e.code}: \${e.message}\` : String(e);
}
console.log(JSON.stringify({
  engine: engine.engine,
  estimate: estimate.estimate,
  truth: task.trueMI,
  closedForm: gaussianMIFromCorrelation(0.75, 1),
  formats: DATA_FORMATS.length,
  k,
  typo,
}));
`;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "infonce-consumer-"));
  // --ignore-scripts: the tests already built dist/; the prepare script would rebuild it.
  await mustRun("npm", ["pack", "--ignore-scripts", "--pack-destination", dir], ROOT);
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
  await mustRun("npm", ["install", "--ignore-scripts", "--no-audit", "--no-fund", "--prefer-offline", tarball], dir);
}, 240_000);

afterAll(() => {
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

describe("the packed package in a fresh TypeScript project", () => {
  it("ships the built library and the addon sources, and no source maps, tests, benchmarks or scripts", async () => {
    const listing = (await mustRun("tar", ["-tzf", tarball], dir)).split("\n");
    expect(listing).toContain("package/dist/src/index.js");
    expect(listing).toContain("package/dist/src/node/index.d.ts");
    expect(listing).toContain("package/LICENSE");
    expect(listing).toContain("package/binding.gyp");
    expect(listing.filter((f) => f.endsWith(".map"))).toEqual([]);
    expect(listing.filter((f) => f.includes(".test."))).toEqual([]);
    expect(listing.filter((f) => f.startsWith("package/dist/bench/"))).toEqual([]);
    expect(listing.filter((f) => f.endsWith(".py"))).toEqual([]);
  });

  it("says where it comes from, points at no missing source map, and types the wasm payload as a string", async () => {
    const installed = path.join(dir, "node_modules", "infonce");
    const manifest = JSON.parse(readFileSync(path.join(installed, "package.json"), "utf8")) as {
      repository?: { type?: string; url?: string };
    };
    expect(manifest.repository?.type).toBe("git");
    expect(manifest.repository?.url).toMatch(/^git\+https:\/\/github\.com\/.+\.git$/);
    const js = (await mustRun("tar", ["-tzf", tarball], dir)).split("\n").filter((f) => f.endsWith(".js"));
    const mapped = js.filter((f) =>
      readFileSync(path.join(dir, "node_modules", "infonce", f.replace(/^package\//, "")), "utf8").includes(
        "sourceMappingURL",
      ),
    );
    expect(mapped).toEqual([]);
    const wasmTypes = readFileSync(path.join(installed, "dist/src/linalg/wasm/kernels-wasm.d.ts"), "utf8");
    expect(wasmTypes).toMatch(/KERNELS_WASM_BASE64: string;/);
    expect(wasmTypes.length).toBeLessThan(1000);
  });

  it("compiles under strict NodeNext with noUncheckedIndexedAccess, importing all three entries", async () => {
    const tsc = await run(path.join(BIN, "tsc"), ["-p", dir], dir);
    expect(tsc.stdout + tsc.stderr).toBe("");
    expect(tsc.status).toBe(0);
  }, 120_000);

  it("runs: the node entry loads an engine and KSG estimates the task near its true MI", async () => {
    const out = await mustRun("node", [path.join(dir, "out", "main.js")], dir);
    const result = JSON.parse(out) as {
      engine: string;
      estimate: number;
      truth: number;
      closedForm: number;
      k: number;
      typo: string;
    };
    expect(result.k).toBe(3);
    expect(result.typo).toMatch(/^E_ARG: infonce has no setting 'maxStep'; did you mean 'maxSteps'\?/);
    expect(["native", "wasm", "ts"]).toContain(result.engine);
    expect(result.closedForm).toBeCloseTo(result.truth, 12);
    expect(Math.abs(result.estimate - result.truth)).toBeLessThan(0.06);
  }, 120_000);

  it("serves a CommonJS consumer: require() works where Node loads ES modules that way, else Node says why", async () => {
    const script = "console.log(require('infonce').getTask('1v1-normal-0.75').trueMI)";
    const cjs = await run("node", ["-e", script], dir);
    if (cjs.status === 0) expect(Number(cjs.stdout)).toBeCloseTo(-0.5 * Math.log(1 - 0.75 ** 2), 12);
    else expect(cjs.stderr).toMatch(/ERR_REQUIRE_ESM/);
  });
});
