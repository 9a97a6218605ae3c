import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The C fast path of the CSV reader (native/csv_scan.c): parses whole records of plain numbers into the group
 * matrices and stops at the first record it cannot take; see that file for the arguments. Optional: without the
 * addon (not built, or INFONCE_CSV=js) the TypeScript fast path in read-csv.ts does the same work, more slowly.
 * `threads` (INFONCE_THREADS; 0 = the online CPUs) splits a large block into line-aligned parts parsed at once,
 * with the numbers and stop position of one sequential scan.
 */
export interface CsvScanner {
  scan(
    buf: Uint8Array,
    pos: number,
    end: number,
    delim: number,
    fieldTarget: Int32Array,
    out0: Float64Array,
    cols0: number,
    out1: Float64Array | null,
    cols1: number,
    row0: number,
    maxRows: number,
    result: Float64Array,
    threads: number,
  ): void;
}

const ADDON = join("build", "Release", "infonce_csv.node");
let cached: CsvScanner | null | undefined;

/** The addon when it was built and loads (looked up once), else null. */
export function nativeCsvScanner(env: Readonly<Record<string, string | undefined>> = process.env): CsvScanner | null {
  if (env.INFONCE_CSV === "js") return null;
  if (cached !== undefined) return cached;
  cached = null;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let up = 0; up < 6; up++) {
    const candidate = join(dir, ADDON);
    if (existsSync(candidate)) {
      try {
        cached = createRequire(import.meta.url)(candidate) as CsvScanner;
      } catch {
        // An addon that does not load on this machine: the TypeScript path reads the same numbers.
        cached = null;
      }
      break;
    }
    if (existsSync(join(dir, "binding.gyp"))) break;
    dir = dirname(dir);
  }
  return cached;
}
