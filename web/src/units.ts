import { natsToBits } from "../../src/index.js";
import { fixed } from "./number-text.js";

/** The unit MI is shown in. All computation is in nats; bits = nats / ln 2. */
export type Unit = "nats" | "bits";

/** Multiply a value in nats by this to show it in `unit`. */
export function unitFactor(unit: Unit): number {
  return unit === "bits" ? natsToBits(1) : 1;
}

/** A value in nats, formatted in `unit` with its unit name. */
export function formatMI(nats: number, unit: Unit, digits = 3): string {
  if (!Number.isFinite(nats)) return "—";
  return `${fixed(nats * unitFactor(unit), digits)} ${unit}`;
}
