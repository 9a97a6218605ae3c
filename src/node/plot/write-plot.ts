import { extname } from "node:path";
import { InfonceError } from "../../errors.js";
import { writeFileOrFail } from "../write/write-file-or-fail.js";
import { specToSvg, type VegaLiteSpec } from "./spec-to-svg.js";
import { svgToPng } from "./svg-to-png.js";

/**
 * The plot formats `--plot` writes, by file extension: a rendered picture, or the Vega-Lite spec itself (data
 * inline) for a user to restyle in the Vega editor or embed in a page.
 */
export const PLOT_EXTENSIONS = [".svg", ".png", ".json"] as const;

/** Throws E_ARG unless `path` ends in one of PLOT_EXTENSIONS (checked before any long work). */
export function checkPlotPath(path: string, flag = "--plot"): void {
  const ext = extname(path).toLowerCase();
  if (!(PLOT_EXTENSIONS as readonly string[]).includes(ext)) {
    throw new InfonceError("E_ARG", `${flag} ${path}: give a .svg, .png or .json (Vega-Lite spec) file name`);
  }
}

/**
 * Writes a Vega-Lite spec as SVG or PNG, or as the spec's JSON, chosen by the extension of `full`. The JSON needs
 * none of the optional drawing packages: the spec is plain data.
 */
export async function writePlot(spec: VegaLiteSpec, full: string, flag = "--plot"): Promise<void> {
  checkPlotPath(full, flag);
  const ext = extname(full).toLowerCase();
  if (ext === ".json") {
    await writeFileOrFail(full, `${JSON.stringify(spec, null, 2)}\n`, flag);
    return;
  }
  const svg = await specToSvg(spec);
  await writeFileOrFail(full, ext === ".png" ? await svgToPng(svg) : svg, flag);
}
