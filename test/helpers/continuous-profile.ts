import type { SampleProfile } from "../../src/estimators/auto-profile.js";

/** The profile auto reads from an all-continuous sample of dx + dy columns in n rows, with Mardia's z or none. */
export function continuousProfile(n: number, dx: number, dy: number, z?: number): SampleProfile {
  return {
    n,
    dx,
    dy,
    kindX: "continuous",
    kindY: "continuous",
    categoricalX: Array(dx).fill(false),
    categoricalY: Array(dy).fill(false),
    ...(z === undefined ? {} : { copulaKurtosisZ: z }),
  };
}
