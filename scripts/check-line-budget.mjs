#!/usr/bin/env node
// A size budget for source files, enforced in CI (.ci/run): a file over the budget usually holds more than one
// concept and should be split. The few that may stay larger are listed with the reason; a listed file that has
// shrunk below the budget is reported so the entry can go.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

const BUDGET = 400;
const SOURCES = ["src/*.ts", "web/*.ts", "bench/*.ts", "native/*.c", "native/*.h", "scripts/*.mjs"];
const ALLOWED = new Map([
  ["native/ik_gemm.c", "the packed GEMM driver: packing, blocking and threading of one kernel read best together"],
]);

const files = execFileSync("git", ["ls-files", "--", ...SOURCES], { encoding: "utf8" })
  .split("\n")
  .filter((f) => f !== "" && !f.endsWith(".test.ts") && !f.includes("/wasm/"));
const over = [];
for (const file of files) {
  const lines = readFileSync(file, "utf8").split("\n").length - 1;
  if (lines <= BUDGET) {
    if (ALLOWED.has(file)) console.log(`line budget: ${file} is now ${lines} lines; its allow-list entry can go`);
    continue;
  }
  if (ALLOWED.has(file)) console.log(`line budget: ${file} ${lines} lines, allowed: ${ALLOWED.get(file)}`);
  else over.push(`${file} (${lines})`);
}
if (over.length > 0) {
  console.error(`line budget: over ${BUDGET} lines: ${over.join(", ")} — split by concept, or add it to`);
  console.error("scripts/check-line-budget.mjs's allow-list with the reason");
  process.exit(1);
}
console.log(`line budget: ${files.length} source files, none over ${BUDGET} lines outside the allow-list`);
