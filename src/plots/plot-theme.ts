import type { Config } from "vega-lite";

/** Shared look of every infonce plot: readable on a laptop and a phone, fonts that exist on a plain Linux box. */
export const PLOT_CONFIG: Config = {
  font: "DejaVu Sans, Liberation Sans, Helvetica, Arial, sans-serif",
  background: "white",
  padding: 8,
  axis: { labelFontSize: 12, titleFontSize: 13, grid: true, gridOpacity: 0.5 },
  legend: { labelFontSize: 12, titleFontSize: 12, orient: "bottom" },
  title: { fontSize: 15, anchor: "start" },
  view: { stroke: null },
};

/** Colours of the reference lines: truth and the log K ceiling. */
export const TRUTH_COLOR = "#d62728";
export const LOGK_COLOR = "#7f7f7f";
