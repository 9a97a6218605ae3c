import type { CommandDef } from "citty";
import type { CliIO } from "../io.js";

/** A command is built for an IO, so tests can run it in-process with captured output. */
export type CommandFactory = (io: CliIO) => CommandDef;

/**
 * Subcommands, loaded lazily so `infonce --help` starts fast: each entry imports its module only when used.
 * Add one line per command; the module's default export is a CommandFactory.
 */
export const COMMANDS: Readonly<Record<string, { description: string; load: () => Promise<CommandFactory> }>> = {
  serve: {
    description: "Serve the built web playground locally",
    load: async () => (await import("./serve.js")).default,
  },
};
