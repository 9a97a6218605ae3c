import { h } from "./dom.js";
import { estimatorLabelNode } from "./estimator-catalog.js";
import { fixed } from "./number-text.js";
import type { CriticMapMessage } from "./protocol.js";

/** Diverging colours for a value t ∈ [−1, 1]: blue (low) through white to red (high). */
function colour(t: number): [number, number, number] {
  const c = Math.max(-1, Math.min(1, t));
  return c < 0
    ? [Math.round(255 + c * (255 - 33)), Math.round(255 + c * (255 - 102)), Math.round(255 + c * (255 - 172))]
    : [Math.round(255 - c * (255 - 178)), Math.round(255 - c * (255 - 24)), Math.round(255 - c * (255 - 43))];
}

/** Each row minus its mean over y: InfoNCE cannot see a term in x alone, so the maps compare shapes in y. */
function centreRows(values: readonly number[], n: number): Float64Array {
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    let mean = 0;
    for (let j = 0; j < n; j++) mean += values[i * n + j] as number;
    mean /= n;
    for (let j = 0; j < n; j++) out[i * n + j] = (values[i * n + j] as number) - mean;
  }
  return out;
}

function correlation(a: Float64Array, b: Float64Array): number {
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let k = 0; k < a.length; k++) {
    ab += (a[k] as number) * (b[k] as number);
    aa += (a[k] as number) ** 2;
    bb += (b[k] as number) ** 2;
  }
  return ab / Math.sqrt(aa * bb);
}

const PANELS = [
  { key: "critic", title: "trained critic f(x, y)" },
  { key: "pmi", title: "true pmi(x, y) (optimal)" },
  { key: "logJoint", title: "the article's log p(x, y)" },
] as const;

/**
 * The energy landscape as it forms: the trained critic beside the exact pmi and the article's log p(x, y) on the
 * same grid and colour scale (rows centred; ±R = the 90th percentile of |centred pmi|, beyond it clipped). A pointer or the
 * arrow keys pick a cell and the readout gives the three exact, uncentred values there.
 */
export class CriticMap {
  readonly element: HTMLElement;
  private message: CriticMapMessage | null = null;
  private cell = { i: 20, j: 20 };
  private readonly canvases = PANELS.map(() => h("canvas", { width: "41", height: "41", "aria-hidden": "true" }));
  private readonly readout = h("output", { id: "critic-readout", "aria-live": "polite" });
  private readonly summary = h("p", { id: "critic-summary" });
  private readonly legend = h("p", { class: "hint", id: "critic-legend" });

  constructor() {
    const grid = h(
      "div",
      {
        class: "critic-panels",
        tabindex: "0",
        role: "group",
        "aria-label": "Critic maps; arrow keys move the readout cell",
      },
      ...PANELS.map((p, k) => h("figure", {}, this.canvases[k] as HTMLCanvasElement, h("figcaption", {}, p.title))),
    );
    grid.addEventListener("pointermove", (event) => this.pointAt(event));
    grid.addEventListener("keydown", (event) => {
      const d = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] }[event.key];
      if (d === undefined || this.message === null) return;
      event.preventDefault();
      const n = this.message.size;
      this.cell = {
        i: Math.max(0, Math.min(n - 1, this.cell.i + (d[0] ?? 0))),
        j: Math.max(0, Math.min(n - 1, this.cell.j + (d[1] ?? 0))),
      };
      this.showReadout();
    });
    this.element = h(
      "figure",
      { id: "critic-map", class: "critic-map", hidden: "" },
      h(
        "figcaption",
        {},
        "The critic as it trains (1+1-dimensional Gaussian): horizontal axis x, vertical axis y, both from −3 to 3.",
      ),
      grid,
      this.legend,
      this.summary,
      h("p", {}, "At the cell: ", this.readout),
    );
  }

  /** Hides the map (a task without one, or a reset). */
  clear(): void {
    this.message = null;
    this.element.hidden = true;
  }

  update(message: CriticMapMessage): void {
    this.message = message;
    this.element.hidden = false;
    const n = message.size;
    const centred = {
      critic: centreRows(message.critic, n),
      pmi: centreRows(message.pmi, n),
      logJoint: centreRows(message.logJoint, n),
    };
    // The 90th percentile of |centred pmi|, not its maximum: the grid's far corners (|pmi| of tens of nats at high ρ)
    // would otherwise wash the centre, where the data are, to white.
    const magnitudes = Float64Array.from(centred.pmi, Math.abs).sort();
    const range = Math.max(1e-9, magnitudes[Math.floor(0.9 * (magnitudes.length - 1))] as number);
    PANELS.forEach((panel, k) => {
      const canvas = this.canvases[k] as HTMLCanvasElement;
      const context = canvas.getContext("2d");
      if (context === null) return;
      const image = context.createImageData(n, n);
      const values = centred[panel.key];
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          const [r, g, b] = colour((values[i * n + j] as number) / range);
          const o = ((n - 1 - j) * n + i) * 4; // x to the right, y upward
          image.data.set([r, g, b, 255], o);
        }
      }
      context.putImageData(image, 0, 0);
    });
    const r = correlation(centred.critic, centred.pmi);
    const article = correlation(centred.logJoint, centred.pmi);
    this.legend.textContent = `Colours: blue −${fixed(range, 2)} … white 0 … red +${fixed(range, 2)} nats, each row minus its mean over y (a term in x alone changes no bound); beyond the range, clipped.`;
    this.summary.replaceChildren(
      estimatorLabelNode(message.estimator),
      ` critic at step ${message.step}: correlation with pmi over the grid ${fixed(r, 3)}` +
        ` (the article's log p(x, y): ${fixed(article, 3)}).`,
    );
    this.summary.dataset.correlation = String(r);
    this.element.dataset.step = String(message.step);
    this.showReadout();
  }

  private pointAt(event: PointerEvent): void {
    const canvas = (event.target as HTMLElement).closest("canvas");
    if (canvas === null || this.message === null) return;
    const box = canvas.getBoundingClientRect();
    const n = this.message.size;
    const i = Math.floor(((event.clientX - box.left) / box.width) * n);
    const j = n - 1 - Math.floor(((event.clientY - box.top) / box.height) * n);
    this.cell = { i: Math.max(0, Math.min(n - 1, i)), j: Math.max(0, Math.min(n - 1, j)) };
    this.showReadout();
  }

  private showReadout(): void {
    const m = this.message;
    if (m === null) return;
    const { i, j } = this.cell;
    const at = (grid: readonly number[]): number => grid[i * m.size + j] as number;
    const coord = (k: number): number => -m.extent + (2 * m.extent * k) / (m.size - 1);
    this.readout.textContent = `x = ${fixed(coord(i), 2)}, y = ${fixed(coord(j), 2)}: f = ${fixed(at(m.critic), 4)}, pmi = ${fixed(at(m.pmi), 4)}, log p(x, y) = ${fixed(at(m.logJoint), 4)} nats`;
    Object.assign(this.readout.dataset, {
      x: String(coord(i)),
      y: String(coord(j)),
      pmi: String(at(m.pmi)),
      critic: String(at(m.critic)),
    });
  }
}
