import { changeset, type View } from "vega";
import embed from "vega-embed";
import type { TopLevelSpec } from "vega-lite";

/** Rows per named dataset of a Vega-Lite spec. */
export type ChartData = Record<string, readonly object[]>;

/**
 * A Vega-Lite chart (rendered as SVG by vega-embed) whose named datasets can grow while it is on screen:
 * rows are inserted with a Vega changeset, so a live curve costs one small update per message, not a new
 * chart. The rows are also kept here, so the chart can be rebuilt with another spec (a unit switch) and the
 * same data.
 */
export class LiveChart {
  private view: View | null = null;
  private readonly rows = new Map<string, object[]>();
  private rendering: Promise<void> = Promise.resolve();

  constructor(private readonly element: HTMLElement) {}

  /** Draws `spec` with `data` (replacing any previous chart and rows). */
  async render(spec: TopLevelSpec, data: ChartData): Promise<void> {
    this.rows.clear();
    for (const [name, values] of Object.entries(data)) this.rows.set(name, [...values]);
    await this.redraw(spec);
  }

  /** Draws `spec` again with the rows already held (used when only the presentation changes). */
  async redraw(spec: TopLevelSpec): Promise<void> {
    const next = this.rendering.then(async () => {
      this.view?.finalize();
      // Rows go in as Vega-Lite `datasets`, so the first render already has them (no empty-data pass).
      const datasets = Object.fromEntries([...this.rows].map(([name, values]) => [name, [...values]]));
      const result = await embed(this.element, { ...spec, datasets } as TopLevelSpec, {
        renderer: "svg",
        // Exports are the page's own labelled buttons (chart-export.ts), reachable by keyboard.
        actions: false,
        tooltip: true,
      });
      this.view = result.view;
    });
    this.rendering = next.catch(() => undefined);
    return next;
  }

  /** Appends rows to a dataset and redraws the changed marks only. */
  async append(name: string, values: readonly object[]): Promise<void> {
    if (values.length === 0) return;
    const held = this.rows.get(name) ?? [];
    held.push(...values);
    this.rows.set(name, held);
    await this.rendering;
    const view = this.view;
    if (view === null) return;
    await view.change(name, changeset().insert([...values])).runAsync();
  }

  /** Replaces a dataset's rows. */
  async replace(name: string, values: readonly object[]): Promise<void> {
    this.rows.set(name, [...values]);
    await this.rendering;
    if (this.view === null) return;
    this.view.data(name, [...values]);
    await this.view.runAsync();
  }

  /** The rows held for a dataset (what the chart shows, in nats). */
  rowsOf(name: string): readonly object[] {
    return this.rows.get(name) ?? [];
  }

  /** The chart as an image: a data URL for PNG (at 2× for sharp text), an SVG document's text for SVG. */
  async image(type: "png" | "svg"): Promise<string> {
    await this.rendering;
    if (this.view === null) throw new Error("the chart is not drawn yet");
    return type === "svg" ? this.view.toSVG() : this.view.toImageURL("png", 2);
  }

  dispose(): void {
    this.view?.finalize();
    this.view = null;
  }
}
