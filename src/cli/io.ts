/** Where the CLI writes: injected so the CLI runs in-process in tests and as a real process from bin.ts. */
export interface CliIO {
  /** Writes to standard output (data, tables, JSON). */
  readonly out: (text: string) => void;
  /** Writes to standard error (progress, warnings, errors). */
  readonly err: (text: string) => void;
  /** True when stderr is a terminal: progress bars draw only then. */
  readonly errIsTTY: boolean;
  /** True when stdout is a terminal: help text is coloured only then. */
  readonly outIsTTY?: boolean;
  /** Width of the stderr terminal in columns, for the progress bar. */
  readonly errColumns?: number;
  /** Standard input, for reading data from `-`. */
  readonly stdin?: NodeJS.ReadableStream;
  /** Environment variables (INFONCE_ENGINE, NO_COLOR, …). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Working directory against which relative paths resolve. */
  readonly cwd: string;
  /** Set when the user asks to stop (Ctrl-C): long work checks it between steps. */
  readonly stop: { stopped: boolean };
}
