import { LOGK_COLOR, TRUTH_COLOR } from "./plot-theme.js";

/** The text mark of a reference line's label (where it sits relative to the line). */
export interface RuleLabelMark {
  readonly type: "text";
  readonly align: "left";
  readonly baseline?: "top";
  readonly dx: number;
  readonly dy: number;
  readonly fontSize: number;
}

/**
 * The dashed reference lines a plot of MI estimates draws where they are known, true MI (red) and log K (grey),
 * each labelled: one data layer of a rule and a text mark. `axis` is the MI axis (x: vertical lines, y: horizontal),
 * the label sits at 0 on the other axis; `label` writes its text from the line's name and value. Nothing when
 * neither is known.
 */
export function referenceRuleLayers(
  trueMI: number | undefined,
  logK: number | null | undefined,
  axis: "x" | "y",
  labelMark: RuleLabelMark,
  label: (name: string, nats: number) => string,
) {
  const rules = [
    ...(trueMI === undefined ? [] : [{ label: label("true MI", trueMI), nats: trueMI, color: TRUTH_COLOR }]),
    ...(logK === undefined || logK === null ? [] : [{ label: label("log K", logK), nats: logK, color: LOGK_COLOR }]),
  ];
  if (rules.length === 0) return [];
  const across = axis === "x" ? "y" : "x";
  const nats = { field: "nats", type: "quantitative" as const };
  const color = { field: "color", type: "nominal" as const, scale: null };
  return [
    {
      data: { values: rules },
      layer: [
        {
          mark: { type: "rule" as const, strokeDash: [6, 4], strokeWidth: 1.5 },
          encoding: { [axis]: nats, color },
        },
        {
          mark: labelMark,
          encoding: { [axis]: nats, [across]: { value: 0 }, text: { field: "label", type: "nominal" as const }, color },
        },
      ],
    },
  ];
}
