import { type ArgsDef, type CommandDef, defineCommand, renderUsage, runCommand } from "citty";
import { isInfonceError } from "../errors.js";
import { COMMANDS, type CommandEntry } from "./commands/index.js";
import { EXIT_CODES, EXIT_INTERRUPTED } from "./exit-codes.js";
import type { CliIO } from "./io.js";
import { unknownFlagMessage } from "./unknown-flag.js";

export const VERSION = "0.1.0";

/**
 * The root command, for usage text only (runCli dispatches to subcommands itself). Its subcommands are bare
 * descriptions from the registry: citty resolves every subcommand to list them, and loading the command modules
 * would pull in the estimators, tasks and plotting just to print `--help`.
 */
function rootCommand(): CommandDef {
  const subCommands: Record<string, CommandDef> = {};
  for (const [name, entry] of Object.entries(COMMANDS)) {
    subCommands[name] = { meta: { name, description: entry.description } };
  }
  return defineCommand({
    meta: { name: "infonce", version: VERSION, description: "Mutual information and contrastive losses, measured" },
    subCommands,
  });
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI escapes are control characters by definition
const ANSI = /\u001b\[[0-9;]*m/g;

async function usage(io: CliIO, cmd: CommandDef, parent?: CommandDef, entry?: CommandEntry): Promise<string> {
  let text = await renderUsage(cmd, parent);
  if (entry?.examples !== undefined && entry.examples.length > 0) {
    text += `\nEXAMPLES\n\n${entry.examples.map((e) => `  ${e}`).join("\n")}\n`;
  }
  const color = io.outIsTTY === true && io.env.NO_COLOR === undefined;
  return color ? text : text.replace(ANSI, "");
}

/**
 * Runs the CLI on argv (without the node and script paths) and returns the exit code.
 * Never throws and never exits: bin.ts is the only place that calls process.exit.
 */
export async function runCli(argv: readonly string[], io: CliIO): Promise<number> {
  const args = [...argv];
  const root = rootCommand();
  try {
    if (args.length === 0 || (args.length === 1 && (args[0] === "--help" || args[0] === "-h"))) {
      io.out(`${await usage(io, root)}\n`);
      return args.length === 0 ? EXIT_CODES.E_USAGE : 0;
    }
    if (args.length === 1 && (args[0] === "--version" || args[0] === "-v")) {
      io.out(`${VERSION}\n`);
      return 0;
    }
    const at = args.findIndex((a) => !a.startsWith("-"));
    const name = at < 0 ? undefined : args[at];
    const entry = name === undefined ? undefined : COMMANDS[name];
    if (entry === undefined) {
      io.err(`infonce: unknown command '${name ?? args[0]}'. Commands: ${Object.keys(COMMANDS).join(", ")}.\n`);
      return EXIT_CODES.E_USAGE;
    }
    const sub = (await entry.load())(io);
    const rest = args.filter((_, i) => i !== at);
    const dashdash = rest.indexOf("--");
    const flags = dashdash < 0 ? rest : rest.slice(0, dashdash);
    if (flags.includes("--help") || flags.includes("-h")) {
      io.out(`${await usage(io, sub, root, entry)}\n`);
      return 0;
    }
    const bad = unknownFlagMessage(flags, (typeof sub.args === "object" ? sub.args : {}) as ArgsDef);
    if (bad !== null) {
      io.err(`infonce ${name}: ${bad}; see 'infonce ${name} --help'\n`);
      return EXIT_CODES.E_USAGE;
    }
    let engineLine: string | null = null;
    if (entry.compute === true) {
      // The fastest engine that loads (native → wasm → ts, or INFONCE_ENGINE). It is said once on stderr after
      // the command's own output, so that an input error stays the one line it promises to be.
      const { loadEngine } = await import("../node/load-engine.js");
      await loadEngine({
        env: io.env,
        report: (line) => {
          engineLine = line;
        },
      });
    }
    const { result } = await runCommand(sub, { rawArgs: rest });
    const code = typeof result === "number" ? result : 0;
    const quiet = flags.includes("--quiet") || flags.includes("-q");
    if (engineLine !== null && !quiet && (code === 0 || code === EXIT_INTERRUPTED)) io.err(`${engineLine}\n`);
    return code;
  } catch (e) {
    if (isInfonceError(e)) {
      io.err(`infonce: ${e.message}\n`);
      return EXIT_CODES[e.code];
    }
    const message = e instanceof Error ? e.message : String(e);
    if (e instanceof Error && e.name === "CLIError") {
      io.err(`infonce: ${message.replace(ANSI, "")}\n`);
      return EXIT_CODES.E_USAGE;
    }
    io.err(`infonce: internal error: ${message}\nPlease report this with the command you ran.\n`);
    return EXIT_CODES.E_INTERNAL;
  }
}
