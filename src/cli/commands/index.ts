import type { CommandDef } from "citty";
import type { CliIO } from "../io.js";

/** A command is built for an IO, so tests can run it in-process with captured output. */
export type CommandFactory = (io: CliIO) => CommandDef;

/** One registry entry: what `infonce --help` lists, and how to load the command. */
export interface CommandEntry {
  readonly description: string;
  /** Example command lines shown under `infonce <command> --help` (each runs as written in docs/cli.md). */
  readonly examples?: readonly string[];
  readonly load: () => Promise<CommandFactory>;
  /** True for commands that train or multiply large matrices: the CLI loads the fastest engine before them. */
  readonly compute?: boolean;
}

/**
 * Subcommands, loaded lazily so `infonce --help` starts fast: each entry imports its module only when used.
 * Add one line per command; the module's default export is a CommandFactory.
 */
export const COMMANDS: Readonly<Record<string, CommandEntry>> = {
  estimate: {
    compute: true,
    description: "Estimate the mutual information between two groups of columns of a data file",
    examples: [
      "infonce estimate data.csv",
      "infonce estimate data.csv --x x0 --y y0 --estimator ksg --k 5 --json",
      "infonce estimate x.npy y.npy --estimator infonce --plot curve.png --report report.html",
      "infonce estimate emb.jsonl --x emb_img --y emb_txt --batch 256",
      "cat data.csv | infonce estimate - --x x0 --y y0",
    ],
    load: async () => (await import("./estimate.js")).default,
  },
  rank: {
    compute: true,
    description: "Rank features by their mutual information with a target column, with intervals",
    examples: [
      "infonce rank data.csv --target y",
      "infonce rank data.csv --target y --estimator ksg --k 3 --json --plot rank.svg",
      "infonce rank data.csv --target y --shard 0/4 --out part-0.json",
    ],
    load: async () => (await import("./rank.js")).default,
  },
  matrix: {
    compute: true,
    description: "The all-pairs mutual-information matrix of a table's columns, with intervals and a heatmap",
    examples: [
      "infonce matrix data.csv --plot matrix.png --csv pairs.csv",
      "infonce matrix data.csv --normalize ic --json --out matrix.json",
      "infonce matrix data.csv --queue redis://127.0.0.1:6379",
    ],
    load: async () => (await import("./matrix.js")).default,
  },
  merge: {
    description: "Join the parts of a sharded rank or matrix run (--shard i/N) into the single-process result",
    examples: ["infonce merge part-0.json part-1.json part-2.json part-3.json --out matrix.json"],
    load: async () => (await import("./merge.js")).default,
  },
  worker: {
    compute: true,
    description: "Process rank/matrix tiles from a BullMQ (Redis) work queue until stopped",
    examples: ["infonce worker --queue redis://127.0.0.1:6379"],
    load: async () => (await import("./worker.js")).default,
  },
  inspect: {
    description: "Show the X and Y columns a file and selection give (names, distinct values, ranges)",
    examples: ["infonce inspect data.csv", "infonce inspect emb.jsonl --x emb_img --y emb_txt --json"],
    load: async () => (await import("./inspect.js")).default,
  },
  loss: {
    compute: true,
    description: "InfoNCE loss of paired embeddings and the MI lower bound log K − loss",
    examples: [
      "infonce loss emb.jsonl --x emb_img --y emb_txt --similarity cosine --temperature 0.07",
      "infonce loss x.npy y.npy --symmetric --batch 500 --json",
    ],
    load: async () => (await import("./loss.js")).default,
  },
  sample: {
    description: "Write a sample of a ground-truth task (known MI) to CSV, TSV, NPY, Parquet or JSONL",
    examples: [
      "infonce sample 1v1-normal-0.75 --n 1000 --seed 1 --out data.csv",
      "infonce sample multinormal-sparse-5-5-2-2.0 --n 500 --out data.npy",
    ],
    load: async () => (await import("./sample.js")).default,
  },
  tasks: {
    description: "List the ground-truth tasks with their true MI",
    examples: ["infonce tasks", "infonce tasks --json"],
    load: async () => (await import("./tasks.js")).default,
  },
  demo: {
    compute: true,
    description: "The main job on a built-in example: estimators against a task's known MI, a table and a plot",
    examples: ["infonce demo", "infonce demo --estimators infonce,nwj --steps 500 --plot demo.png --report demo.html"],
    load: async () => (await import("./demo.js")).default,
  },
  theory: {
    description: "Show with numbers how InfoNCE bounds mutual information, and check the claims",
    examples: ["infonce theory", "infonce theory --json"],
    load: async () => (await import("./theory.js")).default,
  },
  staircase: {
    compute: true,
    description: "Reproduce Poole et al. (2019) Fig. 2: every bound on a Gaussian whose MI steps 2→10 nats",
    examples: ["infonce staircase --steps 400 --critics separable", "infonce staircase --plot staircase.svg"],
    load: async () => (await import("./staircase.js")).default,
  },
  bench: {
    compute: true,
    description: "Benchmark MI estimators on ground-truth tasks: estimate, error, interval coverage, time",
    examples: ["infonce bench --suite quick --seeds 1"],
    load: async () => (await import("./bench.js")).default,
  },
  serve: {
    description: "Serve the web playground built in a source checkout (npm run web:build)",
    load: async () => (await import("./serve.js")).default,
  },
};
