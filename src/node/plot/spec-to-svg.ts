import type { TopLevelSpec } from "vega-lite";
import { InfonceError } from "../../errors.js";
import { importOptional } from "./import-optional.js";

/**
 * A Vega-Lite spec, as the spec builders in src/plots make it. Typed loosely in the public signature so that a
 * library user's compiler does not need the optional vega-lite package installed.
 */
export type VegaLiteSpec = object;

/**
 * Renders a Vega-Lite spec to an SVG string headless in Node: vega-lite compiles it to Vega, a Vega View with
 * no renderer lays it out and serialises the scene graph as SVG. No browser and no canvas are needed.
 */
export async function specToSvg(spec: VegaLiteSpec): Promise<string> {
  const [vega, vl] = await importOptional(() => Promise.all([import("vega"), import("vega-lite")]), "drawing a plot");
  let compiled: ReturnType<typeof vl.compile>;
  try {
    compiled = vl.compile(spec as TopLevelSpec);
  } catch (e) {
    throw new InfonceError("E_INTERNAL", `plot spec does not compile: ${(e as Error).message}`);
  }
  const view = new vega.View(vega.parse(compiled.spec), { renderer: "none", logLevel: vega.Warn });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
