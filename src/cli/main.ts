import { type CommandDef, defineCommand, renderUsage, runCommand } from "citty";
import { isInfonceError } from "../errors.js";
import { COMMANDS } from "./commands/index.js";
import { EXIT_CODES } from "./exit-codes.js";
import type { CliIO } from "./io.js";

export const VERSION = "0.1.0";

function rootCommand(io: CliIO): CommandDef {
  const subCommands: Record<string, () => Promise<CommandDef>> = {};
  for (const [name, entry] of Object.entries(COMMANDS)) {
    subCommands[name] = async () => (await entry.load())(io);
  }
  return defineCommand({
    meta: { name: "infonce", version: VERSION, description: "Mutual information and contrastive losses, measured" },
    subCommands,
  });
}

/**
 * Runs the CLI on argv (without the node and script paths) and returns the exit code.
 * Never throws and never exits: bin.ts is the only place that calls process.exit.
 */
export async function runCli(argv: readonly string[], io: CliIO): Promise<number> {
  const args = [...argv];
  const root = rootCommand(io);
  try {
    if (args.length === 0 || (args.length === 1 && (args[0] === "--help" || args[0] === "-h"))) {
      io.out(`${await renderUsage(root)}\n`);
      return args.length === 0 ? EXIT_CODES.E_USAGE : 0;
    }
    if (args.length === 1 && (args[0] === "--version" || args[0] === "-v")) {
      io.out(`${VERSION}\n`);
      return 0;
    }
    const name = args.find((a) => !a.startsWith("-"));
    const entry = name === undefined ? undefined : COMMANDS[name];
    if (entry === undefined) {
      io.err(`infonce: unknown command '${name ?? args[0]}'. Commands: ${Object.keys(COMMANDS).join(", ")}.\n`);
      return EXIT_CODES.E_USAGE;
    }
    const sub = (await entry.load())(io);
    if (args.includes("--help") || args.includes("-h")) {
      io.out(`${await renderUsage(sub, root)}\n`);
      return 0;
    }
    const rest = args.filter((_, i) => i !== args.indexOf(name as string));
    const { result } = await runCommand(sub, { rawArgs: rest });
    return typeof result === "number" ? result : 0;
  } catch (e) {
    if (isInfonceError(e)) {
      io.err(`infonce: ${e.message}\n`);
      return EXIT_CODES[e.code];
    }
    const message = e instanceof Error ? e.message : String(e);
    if (e instanceof Error && e.name === "CLIError") {
      io.err(`infonce: ${message}\n`);
      return EXIT_CODES.E_USAGE;
    }
    io.err(`infonce: internal error: ${message}\nPlease report this with the command you ran.\n`);
    return EXIT_CODES.E_INTERNAL;
  }
}
