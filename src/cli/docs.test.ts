import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { run } from "../../test/helpers/run-cli.js";
import { tempDir } from "../../test/helpers/temp-dir.js";
import { COMMANDS } from "./commands/index.js";
import type { CliIO } from "./io.js";

const DOC = readFileSync(join(import.meta.dirname, "../../docs/cli.md"), "utf8");

/** Splits a shell line into words: single and double quotes group, nothing else is interpreted. */
function shellWords(line: string): string[] {
  const words: string[] = [];
  const re = /'([^']*)'|"([^"]*)"|(\S+)/g;
  for (let m = re.exec(line); m !== null; m = re.exec(line)) words.push(m[1] ?? m[2] ?? m[3]!);
  return words;
}

/** Every command line in the ```sh blocks, in document order. */
function exampleLines(doc: string): string[] {
  const blocks = [...doc.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!);
  return blocks.flatMap((b) =>
    b
      .split("\n")
      .map((l) => l.trim())
      .filter((l) => l !== "" && !l.startsWith("#")),
  );
}

/** The text of the section about one command (from its ### heading to the next heading). */
function section(doc: string, name: string): string {
  const start = doc.indexOf(`### \`infonce ${name}\``);
  if (start < 0) return "";
  const rest = doc.slice(start + 4);
  const end = rest.search(/\n#{2,3} /);
  return end < 0 ? rest : rest.slice(0, end);
}

describe("docs/cli.md", () => {
  const { dir } = tempDir();
  const lines = exampleLines(DOC);
  it("has examples for every command", () => {
    // serve runs until Ctrl-C, so its example sits in a text block that is shown but not run.
    for (const name of Object.keys(COMMANDS).filter((c) => c !== "serve")) {
      expect(
        lines.some((l) => shellWords(l.split("|").pop()!)[1] === name),
        name,
      ).toBe(true);
    }
  });
  // The examples build on each other (the first ones write the files the later ones read): run them in order.
  it.each(lines.map((l, i) => [i + 1, l] as const))(
    "example %i exits 0: %s",
    async (_, line) => {
      const pipe = /^cat (\S+) \| (.*)$/.exec(line);
      const words = shellWords(pipe === null ? line : pipe[2]!);
      expect(words[0]).toBe("infonce");
      const stdin = pipe === null ? undefined : readFileSync(join(dir, pipe[1]!));
      const r = await run(words.slice(1), { cwd: dir, ...(stdin === undefined ? {} : { stdin }) });
      expect(r.err.includes("internal error") ? r.err : "").toBe("");
      expect(r.code, r.err).toBe(0);
    },
    300_000,
  );
  it("documents every flag of every command in the command's section", async () => {
    const io = {
      out: () => {},
      err: () => {},
      errIsTTY: false,
      env: {},
      cwd: dir,
      stop: { stopped: false },
    } satisfies CliIO;
    for (const [name, entry] of Object.entries(COMMANDS)) {
      const text = section(DOC, name);
      expect(text, `a section "### \`infonce ${name}\`"`).not.toBe("");
      const cmd = (await entry.load())(io);
      const args = (typeof cmd.args === "object" ? cmd.args : {}) as Record<string, { type?: string }>;
      for (const [flag, def] of Object.entries(args)) {
        if (def.type === "positional") expect(text, `${name}: argument ${flag}`).toContain(flag.toUpperCase());
        else expect(text, `${name}: --${flag}`).toContain(`--${flag}`);
      }
    }
  });
});
