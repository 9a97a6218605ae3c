import { checkWritable } from "../node/write/check-writable.js";

/** Output files a command was asked to write, resolved and checked writable before any long work starts. */
export interface OutputPaths {
  readonly out?: string;
  readonly plot?: string;
  readonly report?: string;
}

/**
 * Checks --out, --plot and --report up front: a run of minutes must not end in "cannot write". Returns the
 * absolute paths. --plot must end in .svg, .png or .json, --report in .html.
 */
export async function checkOutputs(
  args: { out?: unknown; plot?: unknown; report?: unknown },
  cwd: string,
): Promise<OutputPaths> {
  const paths: { out?: string; plot?: string; report?: string } = {};
  if (typeof args.out === "string") paths.out = await checkWritable(args.out, cwd, "--out");
  if (typeof args.plot === "string") {
    const { checkPlotPath } = await import("../node/plot/write-plot.js");
    checkPlotPath(args.plot);
    paths.plot = await checkWritable(args.plot, cwd, "--plot");
  }
  if (typeof args.report === "string") {
    if (!/\.html?$/i.test(args.report)) {
      const { InfonceError } = await import("../errors.js");
      throw new InfonceError("E_ARG", `--report ${args.report}: give an .html file name`);
    }
    paths.report = await checkWritable(args.report, cwd, "--report");
  }
  return paths;
}
