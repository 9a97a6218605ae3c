import type { TheoryLawResult, TheoryResult } from "../../src/index.js";
import { chartExport } from "./charts/chart-export.js";
import { LiveChart } from "./charts/live-chart.js";
import { THEORY_DATA, theoryPoints, theorySpec } from "./charts/theory-spec.js";
import { byId, h } from "./dom.js";
import { prose } from "./math.js";
import { fixed } from "./number-text.js";
import { formatMI, type Unit, unitFactor } from "./units.js";
import type { TheoryReply, TheoryRequest } from "./worker/theory-worker.js";

/** Monte Carlo sizes offered: rounds of max(K) pairs each (the library's default is 16). */
const ROUNDS = [
  { rounds: 4, label: "quick (4 rounds)" },
  { rounds: 16, label: "standard (16 rounds)" },
  { rounds: 64, label: "precise (64 rounds)" },
];

/**
 * The theory view: the library's `computeTheory` (the numbers of `infonce theory`) run in a worker, shown as the
 * bound against K for the optimal, the article's and a random critic, per law, beside the precise statement.
 */
export class TheoryView {
  private unit: Unit = "nats";
  private result: TheoryResult | null = null;
  private lawName = "";
  private requestId = 0;
  private started = false;
  private worker: Worker | null = null;
  private readonly chart = new LiveChart(byId("theory-chart"));
  private readonly status = h("p", { class: "status", role: "status", "aria-live": "polite" });
  private readonly lawSelect = h("select", { id: "theory-law" });
  private readonly roundsSelect = h("select", { id: "theory-rounds" });
  private readonly seedInput = h("input", { id: "theory-seed", type: "number", min: "0", step: "1", value: "1" });

  constructor() {
    for (const r of ROUNDS) this.roundsSelect.append(h("option", { value: String(r.rounds) }, r.label));
    this.roundsSelect.value = "16";
    const run = h("button", { type: "button", id: "theory-run", class: "primary" }, "Recompute");
    run.addEventListener("click", () => this.compute());
    this.lawSelect.addEventListener("change", () => {
      this.lawName = this.lawSelect.value;
      void this.draw();
    });
    byId("theory-controls").append(
      h(
        "fieldset",
        {},
        h("legend", {}, "Law"),
        h("label", { for: "theory-law" }, "Joint law of (X, Y)"),
        this.lawSelect,
        h("p", { class: "truth" }, "True MI ", h("output", { id: "theory-true-mi", for: "theory-law" }, "—")),
        h("p", { class: "hint", id: "theory-law-description" }),
      ),
      h(
        "fieldset",
        {},
        h("legend", {}, "Monte Carlo"),
        h("label", { for: "theory-rounds" }, "Batches averaged"),
        this.roundsSelect,
        h("div", { class: "pair" }, h("label", { for: "theory-seed" }, "Seed ", this.seedInput), run),
      ),
      this.status,
    );
    byId("theory-chart").after(
      chartExport({
        id: "theory-export",
        chart: this.chart,
        dataset: THEORY_DATA,
        fileName: () => `infonce-theory-${this.lawName}-seed${this.result?.seed ?? ""}`,
        meta: () => ({ law: this.lawName, seed: this.result?.seed, rounds: this.result?.rounds }),
      }),
    );
  }

  /** Computes on first show; redraws (the panel may have changed width while hidden) afterwards. */
  async show(): Promise<void> {
    if (!this.started) {
      this.started = true;
      // The statement's formulas are rendered when the view is first shown, not while the first view loads.
      byId("theory-text").append(...statement());
      this.compute();
      return;
    }
    await this.draw();
  }

  setUnit(unit: Unit): void {
    this.unit = unit;
    if (this.result !== null) void this.draw();
  }

  private compute(): void {
    const request: TheoryRequest = {
      id: ++this.requestId,
      seed: Number(this.seedInput.value) || 0,
      rounds: Number(this.roundsSelect.value),
    };
    this.status.textContent = "Computing the bounds…";
    this.ensureWorker().postMessage(request);
  }

  /** The worker starts on the first computation, so opening the page does not pay for views not yet shown. */
  private ensureWorker(): Worker {
    if (this.worker === null) {
      this.worker = new Worker(new URL("./worker/theory-worker.ts", import.meta.url), { type: "module" });
      this.worker.addEventListener("message", (event: MessageEvent<TheoryReply>) => this.onReply(event.data));
    }
    return this.worker;
  }

  private onReply(reply: TheoryReply): void {
    if (reply.id !== this.requestId) return;
    if (reply.type === "progress") {
      this.status.textContent = `Computing the bounds… ${Math.round((100 * reply.done) / reply.total)}%`;
    } else if (reply.type === "error") {
      this.status.textContent = `Could not compute: ${reply.message}`;
      this.status.classList.add("error");
    } else {
      this.status.classList.remove("error");
      this.result = reply.result;
      const r = reply.result;
      this.status.textContent =
        `${r.rounds} rounds of ${Math.max(...r.ks)} pairs per law, seed ${r.seed}, ` +
        `computed in ${fixed(reply.seconds, 1)} s in this browser.`;
      this.lawSelect.replaceChildren(...r.laws.map((law) => h("option", { value: law.name }, law.name)));
      if (!r.laws.some((law) => law.name === this.lawName)) this.lawName = r.laws[0]?.name ?? "";
      this.lawSelect.value = this.lawName;
      void this.draw();
    }
  }

  private law(): TheoryLawResult | undefined {
    return this.result?.laws.find((law) => law.name === this.lawName);
  }

  private async draw(): Promise<void> {
    const law = this.law();
    if (law === undefined) return;
    byId("theory-true-mi").textContent = formatMI(law.trueMI, this.unit);
    byId("theory-law-description").textContent = law.description;
    byId("theory-caption").textContent =
      `Expected InfoNCE bound (log K minus the loss) on “${law.name}” against the batch size K (candidates per query, the ` +
      "positive included), mean over batches with ±2 standard errors. " +
      "Every batch's bound is at most log K; every critic's expected bound is at most the true MI, so a plotted " +
      "mean above it is Monte Carlo chance within its error bars. Only the optimal critic approaches the true MI " +
      "as K grows.";
    this.renderTable(law);
    await this.chart.render(theorySpec(this.unit), { [THEORY_DATA]: theoryPoints(law) });
  }

  private renderTable(law: TheoryLawResult): void {
    const f = unitFactor(this.unit);
    const cell = (m: { mean: number; se: number }): HTMLTableCellElement =>
      h("td", {}, `${fixed(m.mean * f, 3)} ± ${fixed(m.se * f, 3)}`);
    const table = h(
      "table",
      { id: "theory-table" },
      h("caption", {}, `Bound against K, ${this.unit} (mean ± standard error)`),
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          ...["K", "log K", "optimal", "article's", "random", "optimal − article's"].map((t) =>
            h("th", { scope: "col" }, t),
          ),
        ),
      ),
      h(
        "tbody",
        {},
        ...law.rows.map((row) =>
          h(
            "tr",
            {},
            h("th", { scope: "row" }, String(row.K)),
            h("td", {}, fixed(row.logK * f, 3)),
            cell(row.optimal),
            cell(row.article),
            cell(row.random),
            cell(row.articleGap),
          ),
        ),
      ),
    );
    byId("theory-table-wrap").replaceChildren(table);
  }
}

/** The precise result (docs/theory.md, "The precise relationship"), beside the plot. */
function statement(): HTMLElement[] {
  const p = (text: string): HTMLElement => prose("p", text);
  return [
    h("h2", {}, "What the plot shows"),
    p(
      "A batch holds $K$ pairs $(x_i, y_i)$ drawn from $p(x, y)$; the critic scores every pair, $S_{ij} = f(x_i, y_j)$, so each " +
        "query $x_i$ has $K$ candidates, its positive $y_i$ included. The InfoNCE loss is the row-wise cross-entropy " +
        "$\\mathcal{L}_K = \\mathbb{E}\\bigl[-\\frac{1}{K}\\sum_i \\log \\frac{e^{S_{ii}}}{\\sum_j e^{S_{ij}}}\\bigr]$.",
    ),
    p(
      "Theorem (van den Oord et al. 2018; Poole et al. 2019): for every critic $f$, $I(X;Y) \\ge \\log K - \\mathcal{L}_K$. " +
        "Because $\\mathcal{L}_K \\ge 0$, the bound also never exceeds $\\log K$: to measure $I$ you need $K \\gtrsim e^{I}$.",
    ),
    p(
      "The bound becomes tight as $K \\to \\infty$ for the optimal critic $f^*(x, y) = \\operatorname{pmi}(x, y) + c(x) = \\log \\frac{p(y\\mid x)}{p(y)} + c(x)$; " +
        "any term in $x$ alone cancels in the row softmax. At every finite $K$ even $f^*$ is biased low when $X$ and $Y$ are " +
        "dependent — the gap $\\mathbb{E}\\bigl[\\log \\frac{1}{K}\\sum_j e^{\\operatorname{pmi}(x_i, y_j)}\\bigr]$ is positive, about " +
        "$\\mathbb{E}_x \\chi^2(p(y\\mid x) \\,\\|\\, p(y))/(2K)$ for large $K$ — there is no threshold in $I$.",
    ),
    p(
      "The article's critic $\\log p(x, y) = \\operatorname{pmi}(x, y) + \\log p(x) + \\log p(y)$: the $\\log p(x)$ term cancels, but $\\log p(y_j)$ " +
        "varies over the candidates and does not, so it is optimal only when the candidates' marginal $p(y)$ is " +
        "uniform. On a law with a skewed $p(y)$ it gives a looser bound (the gap column). A random critic's bound " +
        "is near or below zero: still a valid lower bound, just an uninformative one.",
    ),
    h(
      "p",
      {},
      "The curves are the numbers of ",
      h("code", {}, "infonce theory"),
      ": Monte Carlo means over independent batches drawn from each law, computed here in a Web Worker by the " +
        "same library code.",
    ),
    h("p", { class: "hint" }, "Hover or tap the chart for every value at one K; the table lists them all."),
  ];
}
