// Regenerates the README's first-screen example by running it: node scripts/readme-example.mjs (after npm run build).
// Each command runs in a fresh temporary folder; its real output replaces the block between the markers.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const bin = join(root, "dist/src/cli/bin.js");
const commands = [
  ["sample", "1v1-normal-0.75", "--n", "5000", "--seed", "1", "--out", "data.csv"],
  ["estimate", "data.csv"],
  ["estimate", "data.csv", "--estimator", "infonce"],
];
const dir = mkdtempSync(join(tmpdir(), "infonce-readme-"));
let text = "";
try {
  for (const argv of commands) {
    const r = spawnSync(process.execPath, [bin, ...argv], { cwd: dir, encoding: "utf8" });
    if (r.status !== 0) throw new Error(`infonce ${argv.join(" ")} failed (${r.status}): ${r.stderr}`);
    text += `$ infonce ${argv.join(" ")}\n${r.stderr}${r.stdout}`;
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const readme = join(root, "README.md");
const old = readFileSync(readme, "utf8");
const start = "<!-- cli-example:start -->";
const end = "<!-- cli-example:end -->";
const block = `${start}\n\`\`\`console\n${text.trimEnd()}\n\`\`\`\n${end}`;
writeFileSync(readme, old.replace(new RegExp(`${start}[\\s\\S]*?${end}`), block));
console.log(text);
