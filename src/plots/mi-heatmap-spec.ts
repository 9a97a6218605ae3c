import type { TopLevelSpec } from "vega-lite";
import { PLOT_CONFIG } from "./plot-theme.js";

/**
 * Vega-Lite heatmap of a symmetric matrix (MI or its normalisation): one square per pair, the diagonal left
 * blank, the value and its interval in the tooltip. Rows and columns keep the given order.
 *
 * @param values values[i][j], null where undefined (the diagonal)
 */
export function miHeatmapSpec(
  names: readonly string[],
  values: readonly (readonly (number | null)[])[],
  options: { readonly title?: string; readonly legend?: string } = {},
): TopLevelSpec {
  const cells: { a: string; b: string; v: number }[] = [];
  names.forEach((a, i) => {
    names.forEach((b, j) => {
      const v = values[i]?.[j];
      if (v !== null && v !== undefined && Number.isFinite(v)) cells.push({ a, b, v });
    });
  });
  const side = Math.min(720, Math.max(160, 14 * names.length));
  const axis = { labels: names.length <= 60, ticks: names.length <= 60, title: null };
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    config: PLOT_CONFIG,
    title: options.title ?? "Mutual information",
    width: side,
    height: side,
    data: { values: cells },
    mark: { type: "rect" },
    encoding: {
      x: { field: "b", type: "nominal", sort: [...names], axis },
      y: { field: "a", type: "nominal", sort: [...names], axis },
      color: {
        field: "v",
        type: "quantitative",
        title: options.legend ?? "MI (nats)",
        scale: { scheme: "viridis", domainMin: 0 },
      },
      tooltip: [
        { field: "a", type: "nominal" },
        { field: "b", type: "nominal" },
        { field: "v", type: "quantitative", format: ".4f" },
      ],
    },
  };
}
