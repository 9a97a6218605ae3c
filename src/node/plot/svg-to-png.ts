import { importOptional } from "./import-optional.js";

/**
 * Rasterises an SVG to PNG with resvg (a Rust renderer shipped as a prebuilt Node addon in its npm package).
 * System fonts are loaded; generic families map to DejaVu Sans, present on Debian and most Linux boxes.
 * @param scale pixels per SVG unit (2 = sharp on high-DPI screens)
 */
export async function svgToPng(svg: string, scale = 2): Promise<Uint8Array> {
  const { Resvg } = await importOptional(() => import("@resvg/resvg-js"), "a PNG plot");
  const r = new Resvg(svg, {
    fitTo: { mode: "zoom", value: scale },
    background: "white",
    font: { loadSystemFonts: true, defaultFontFamily: "DejaVu Sans", sansSerifFamily: "DejaVu Sans" },
  });
  return new Uint8Array(r.render().asPng());
}
