import type { ArgsDef } from "citty";
import { InfonceError } from "../errors.js";
import { DEFAULT_MISSING_WORDS } from "../node/read/missing-values.js";

/** Flags every command that produces a result shares. */
export const COMMON_ARGS = {
  seed: { type: "string", description: "Seed for every random choice (same seed → same numbers)", default: "0" },
  json: { type: "boolean", description: "Print the result as JSON (schema in docs/cli.md) instead of a table" },
  quiet: { type: "boolean", alias: "q", description: "No progress bar and no notes on stderr" },
  out: { type: "string", description: "Also write the JSON result to this file", valueHint: "file.json" },
} as const satisfies ArgsDef;

/** Flags that say how to read a data file, whichever columns a command takes from it. */
export const FILE_ARGS = {
  format: {
    type: "string",
    description: "File format when the extension does not tell: csv | npy | parquet | jsonl | json",
  },
  delimiter: {
    type: "string",
    description: "Text delimiter: ',' | tab | ';' | whitespace (default: by extension, else sniffed)",
  },
  header: { type: "boolean", description: "Whether the first text row is a header (default: detected)" },
  missing: {
    type: "string",
    description: "Rows with a missing cell: drop (default, with a warning) | error",
  },
  "na-values": {
    type: "string",
    description: `Cell texts that mean missing, comma-separated (default: ${DEFAULT_MISSING_WORDS.join(",")} in any case; empty cells always)`,
    valueHint: "NA,-999",
  },
} as const satisfies ArgsDef;

/** Flags that say which columns of a data file are X and Y, and how to read it. */
export const INPUT_ARGS = {
  x: { type: "string", description: "X columns: names, globs ('emb_*'), ranges (x0..x3, 0..9), comma lists" },
  y: { type: "string", description: "Y columns (same syntax); default: the columns not in X" },
  ...FILE_ARGS,
} as const satisfies ArgsDef;

/** Flags that write pictures of the result. */
export const PLOT_ARGS = {
  plot: { type: "string", description: "Write a plot: .svg, .png or .json (Vega-Lite spec)", valueHint: "out.svg" },
  report: {
    type: "string",
    description: "Write a self-contained HTML report (plots, settings, warnings)",
    valueHint: "out.html",
  },
} as const satisfies ArgsDef;

/** An integer flag in [min, max]; undefined stays undefined. */
export function intArg(value: unknown, flag: string, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined {
  if (value === undefined) return undefined;
  const s = String(value).trim();
  const n = /^[+-]?\d+$/.test(s) ? Number(s) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `an integer ≥ ${min}` : `an integer in ${min}..${max}`;
    throw new InfonceError("E_ARG", `--${flag} must be ${range}, got '${s}'`);
  }
  return n;
}

/** A finite number flag, optionally > 0; undefined stays undefined. */
export function numberArg(value: unknown, flag: string, positive = false): number | undefined {
  if (value === undefined) return undefined;
  const s = String(value).trim();
  const n = s === "" ? Number.NaN : Number(s);
  if (!Number.isFinite(n) || (positive && n <= 0)) {
    throw new InfonceError("E_ARG", `--${flag} must be a ${positive ? "positive " : ""}finite number, got '${s}'`);
  }
  return n;
}

/** One of a fixed set of words. */
export function choiceArg<T extends string>(value: unknown, flag: string, choices: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  const s = String(value);
  if (!(choices as readonly string[]).includes(s)) {
    throw new InfonceError("E_ARG", `--${flag} must be one of ${choices.join(", ")}, got '${s}'`);
  }
  return s as T;
}

/** The delimiter flag in words or as the character itself. */
export function delimiterArg(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  const s = String(value);
  const named: Record<string, string> = {
    tab: "\t",
    "\\t": "\t",
    comma: ",",
    semicolon: ";",
    whitespace: "whitespace",
    space: "whitespace",
  };
  const d = named[s.toLowerCase()] ?? s;
  if (d !== "whitespace" && d.length !== 1) {
    throw new InfonceError(
      "E_ARG",
      `--delimiter must be one character or tab, comma, semicolon, whitespace; got '${s}'`,
    );
  }
  return d;
}

/**
 * The value of a setting as typed on the command line (`--set`, `--options`, `name[key=value]`): a JSON list
 * (`[64,64]`) becomes an array, true/false booleans, a number a number, anything else stays text.
 */
export function parseSettingValue(raw: string, flag: string): unknown {
  if (raw.trim().startsWith("[")) {
    try {
      return JSON.parse(raw) as unknown;
    } catch {
      throw new InfonceError("E_ARG", `${flag} value '${raw}' is not a valid list (write it like [64,64])`);
    }
  }
  if (raw === "true") return true;
  if (raw === "false") return false;
  const num = Number(raw);
  return raw.trim() !== "" && Number.isFinite(num) ? num : raw;
}

/**
 * Every `--set name=value` on the command line (repeatable), for estimator-specific settings, values as
 * parseSettingValue reads them (so `--set hidden=[64,64]` is a list). citty keeps only the last of a repeated flag,
 * so the raw arguments are read here.
 */
export function setArgs(rawArgs: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (let i = 0; i < rawArgs.length; i++) {
    const a = rawArgs[i]!;
    let kv: string | undefined;
    if (a === "--set") kv = rawArgs[++i];
    else if (a.startsWith("--set=")) kv = a.slice(6);
    else continue;
    const m = kv === undefined ? null : /^([A-Za-z][\w.-]*)=(.*)$/.exec(kv);
    if (m === null) throw new InfonceError("E_ARG", `--set needs name=value, like --set k=5; got '${kv ?? ""}'`);
    out[m[1]!] = parseSettingValue(m[2]!, "--set");
  }
  return out;
}
