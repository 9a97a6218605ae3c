import type { CommandDef } from "citty";
import type { CliIO } from "../io.js";

/** A command is built for an IO, so tests can run it in-process with captured output. */
export type CommandFactory = (io: CliIO) => CommandDef;

/**
 * Subcommands, loaded lazily so `infonce --help` starts fast: each entry imports its module only when used.
 * Add one line per command; the module's default export is a CommandFactory.
 */
export const COMMANDS: Readonly<Record<string, { description: string; load: () => Promise<CommandFactory> }>> = {
  theory: {
    description: "Show with numbers how InfoNCE bounds mutual information, and check the claims",
    load: async () => (await import("./theory.js")).default,
  },
  // `npm start` runs `demo`: the theory run until estimation on a built-in example lands.
  demo: {
    description: "The built-in example (for now: the theory run, as `infonce theory`)",
    load: async () => (await import("./theory.js")).default,
  },
  bench: {
    description: "Benchmark MI estimators on ground-truth tasks: estimate, error, interval coverage, time",
    load: async () => (await import("./bench.js")).default,
  },
  serve: {
    description: "Serve the built web playground locally",
    load: async () => (await import("./serve.js")).default,
  },
};
