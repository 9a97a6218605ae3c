import { extname } from "node:path";
import { InfonceError } from "../../errors.js";
import { writeFileOrFail } from "../write/write-file-or-fail.js";
import { specToSvg, type VegaLiteSpec } from "./spec-to-svg.js";
import { svgToPng } from "./svg-to-png.js";

/** The plot formats `--plot` writes, by file extension. */
export const PLOT_EXTENSIONS = [".svg", ".png"] as const;

/** Throws E_ARG unless `path` ends in .svg or .png (checked before any long work). */
export function checkPlotPath(path: string, flag = "--plot"): void {
  const ext = extname(path).toLowerCase();
  if (!(PLOT_EXTENSIONS as readonly string[]).includes(ext)) {
    throw new InfonceError("E_ARG", `${flag} ${path}: give a .svg or .png file name`);
  }
}

/** Renders a Vega-Lite spec and writes it as SVG or PNG, chosen by the extension of `full`. */
export async function writePlot(spec: VegaLiteSpec, full: string, flag = "--plot"): Promise<void> {
  checkPlotPath(full, flag);
  const svg = await specToSvg(spec);
  const content = extname(full).toLowerCase() === ".png" ? await svgToPng(svg) : svg;
  await writeFileOrFail(full, content, flag);
}
