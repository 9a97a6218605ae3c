import { INPUT_ARGS } from "../common-args.js";
import { defineCliCommand } from "../define-cli-command.js";
import { formatTable } from "../format-table.js";
import type { CliIO } from "../io.js";
import { inputFlags, readInput } from "../read-args.js";
import type { CommandFactory } from "./index.js";

/** Significant digits short enough for a column summary. */
const short = (v: number) => (Number.isInteger(v) ? String(v) : v.toPrecision(5));

/** The labels of a categorical column in code order, the first few (the JSON output has all of them). */
function labelList(labels: readonly string[]): string {
  const shown = labels.slice(0, 6).join(", ");
  return labels.length > 6 ? `${shown}, … (${labels.length})` : shown;
}

/**
 * `infonce inspect FILE`: reads the file exactly as `estimate` would and shows what it found: which columns
 * went to X and Y, their distinct-value counts (few distinct integers = likely categorical), their ranges, the
 * labels of text and boolean (categorical) columns, the missing cells whose rows were dropped, and what was set
 * aside. The way to check a column selection before a long run.
 */
const inspectCommand: CommandFactory = (io: CliIO) =>
  defineCliCommand({
    meta: {
      name: "inspect",
      description: "Show the X and Y columns a file and selection give, as estimate reads them",
    },
    args: {
      file: { type: "positional", description: "Data file (CSV/TSV/NPY/Parquet/JSONL) or - for stdin", required: true },
      yfile: { type: "positional", description: "Optional second file holding Y", required: false },
      ...INPUT_ARGS,
      json: { type: "boolean", description: "Print the summary as JSON" },
    },
    async run({ args }) {
      const read = await readInput(io, inputFlags(args));
      const cols = [
        ...read.xColumns.map((c) => ({ group: "X", ...c, note: "" })),
        ...read.yColumns.map((c) => ({ group: "Y", ...c, note: "" })),
      ];
      if (args.json) {
        io.out(
          `${JSON.stringify(
            {
              schemaVersion: 1,
              n: read.sample.x.rows,
              droppedRows: read.droppedRows,
              columns: cols,
              setAside: read.setAside,
              warnings: read.warnings,
              source: read.source,
            },
            null,
            2,
          )}\n`,
        );
        return 0;
      }
      const rows = cols.map((c) => [
        c.group,
        c.name,
        c.distinct === null ? ">1000" : String(c.distinct),
        c.categories === undefined ? (c.integer ? "integer" : "real") : "categorical",
        c.categories === undefined ? short(c.min) : "",
        c.categories === undefined ? short(c.max) : "",
        String(c.missing),
        c.categories === undefined ? "" : labelList(c.categories),
      ]);
      for (const s of read.setAside) {
        rows.push([s.group.toUpperCase(), s.name, "", "", "", "", "", `set aside: ${s.reason}`]);
      }
      const dropped = read.droppedRows > 0 ? ` (${read.droppedRows} dropped for missing cells)` : "";
      io.out(
        `${read.sample.x.rows} rows${dropped}; X: ${read.sample.x.cols} columns, Y: ${read.sample.y.cols} columns\n\n`,
      );
      const head = ["group", "column", "distinct", "kind", "min", "max", "missing", "categories"];
      io.out(`${formatTable(head, rows)}\n`);
      for (const w of read.warnings) io.out(`warning: ${w}\n`);
      return 0;
    },
  });

export default inspectCommand;
