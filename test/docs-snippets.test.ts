import { execFile } from "node:child_process";
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import ts from "typescript";
import { afterAll, describe, expect, it } from "vitest";
import { COMMANDS } from "../src/cli/commands/index.js";

/**
 * Every ```ts / ```js block of README.md and docs/*.md is type-checked (ts blocks, strict, as the repository's
 * tsconfig) and run, from a file beside its markdown file so that its imports resolve as a reader's would ("infonce"
 * is the package itself, built in dist/ — npm test builds first; "../src/…" a module of this repository).
 * Shell blocks (sh, bash, console) are not run here — docs/cli.md's examples run in src/cli/docs.test.ts — but each
 * `infonce <command>` and `npm run <script>` in them must name a command or script that exists.
 */
const ROOT = path.resolve(import.meta.dirname, "..");
const DOCS = [
  path.join(ROOT, "README.md"),
  ...readdirSync(path.join(ROOT, "docs"))
    .filter((f) => f.endsWith(".md"))
    .map((f) => path.join(ROOT, "docs", f)),
];

interface Block {
  readonly doc: string;
  readonly line: number;
  readonly lang: string;
  readonly code: string;
}

function blocks(doc: string): Block[] {
  const out: Block[] = [];
  const lines = readFileSync(doc, "utf8").split("\n");
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\w+)\s*$/.exec(lines[i] as string);
    if (open === null) continue;
    const start = i;
    const body: string[] = [];
    while (++i < lines.length && !(lines[i] as string).startsWith("```")) body.push(lines[i] as string);
    out.push({ doc, line: start + 1, lang: open[1] as string, code: `${body.join("\n")}\n` });
  }
  return out;
}

const ALL = DOCS.flatMap(blocks);
const CODE = ALL.filter((b) => ["ts", "typescript", "js", "javascript"].includes(b.lang));
const SHELL = ALL.filter((b) => ["sh", "bash", "console"].includes(b.lang));
const written: string[] = [];

/** The block as a file beside its document (dot-named, removed after the run). */
function fileOf(b: Block): string {
  const ext = b.lang.startsWith("t") ? "ts" : "mjs";
  const file = path.join(path.dirname(b.doc), `.snippet-${path.basename(b.doc, ".md")}-${b.line}.${ext}`);
  writeFileSync(file, b.code);
  written.push(file);
  return file;
}

afterAll(() => {
  for (const f of written) rmSync(f, { force: true });
});

function where(b: Block): string {
  return `${path.relative(ROOT, b.doc)}:${b.line}`;
}

describe("code in README.md and docs/*.md", () => {
  it("has code blocks to check (the extraction finds them)", () => {
    expect(CODE.length).toBeGreaterThanOrEqual(5);
    expect(CODE.some((b) => b.doc.endsWith("README.md"))).toBe(true);
  });

  it("type-checks every ts block under the repository's strict options", () => {
    const files = CODE.filter((b) => b.lang.startsWith("t")).map(fileOf);
    const config = ts.getParsedCommandLineOfConfigFile(
      path.join(ROOT, "tsconfig.json"),
      {},
      {
        ...ts.sys,
        onUnRecoverableConfigFileDiagnostic: (d) => {
          throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
        },
      },
    );
    if (config === undefined) throw new Error("tsconfig.json did not parse");
    const program = ts.createProgram(files, { ...config.options, noEmit: true });
    const messages = ts
      .getPreEmitDiagnostics(program)
      .filter((d) => d.file === undefined || files.includes(path.resolve(d.file.fileName)))
      .map((d) => {
        const text = ts.flattenDiagnosticMessageText(d.messageText, "\n");
        if (d.file === undefined || d.start === undefined) return text;
        const { line } = d.file.getLineAndCharacterOfPosition(d.start);
        return `${path.relative(ROOT, d.file.fileName)}:${line + 1}: ${text}`;
      });
    expect(messages).toEqual([]);
  }, 120_000);

  for (const b of CODE) {
    it(`runs ${where(b)}`, async () => {
      const file = fileOf(b);
      try {
        await promisify(execFile)("node", ["--import", "tsx", file], { cwd: path.dirname(b.doc), encoding: "utf8" });
      } catch (e) {
        const failed = e as { stderr?: string; message: string };
        throw new Error(`${where(b)} failed:\n${failed.stderr ?? failed.message}`);
      }
    }, 180_000);
  }

  it("names only CLI commands and npm scripts that exist in its shell blocks", () => {
    const scripts = Object.keys(
      (JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> })
        .scripts,
    );
    const missing: string[] = [];
    for (const b of SHELL) {
      // In a console block only the `$ ` lines are commands; the rest is their output.
      const commands = b.lang === "console" ? b.code.split("\n").filter((l) => l.startsWith("$ ")) : b.code.split("\n");
      for (const line of commands) {
        const cmd = line.replace(/^\$\s+/, "").trim();
        const cli = /^infonce\s+([a-z][\w-]*)/.exec(cmd);
        if (cli !== null && !((cli[1] as string) in COMMANDS) && !(cli[1] as string).startsWith("-")) {
          missing.push(`${where(b)}: infonce ${cli[1]}`);
        }
        const npm = /^npm\s+run\s+(?:-s\s+)?([\w:.-]+)/.exec(cmd);
        if (npm !== null && !scripts.includes(npm[1] as string)) missing.push(`${where(b)}: npm run ${npm[1]}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
