import { h } from "../dom.js";
import type { LiveChart } from "./live-chart.js";

/** Rows as CSV: the union of the rows' keys as the header, numbers written in full (no rounding). */
export function toCsv(rows: readonly object[]): string {
  const keys = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const cell = (v: unknown): string => {
    const s = typeof v === "number" ? String(v) : v === undefined || v === null ? "" : String(v);
    return /[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  return [keys.join(","), ...rows.map((r) => keys.map((k) => cell((r as Record<string, unknown>)[k])).join(","))].join(
    "\n",
  );
}

function download(name: string, href: string): void {
  const a = h("a", { href, download: name });
  document.body.append(a);
  a.click();
  a.remove();
}

function downloadText(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  download(name, url);
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * Four labelled buttons under a chart: its data as CSV and JSON (values in nats, as computed), the chart as PNG and
 * SVG. `meta` goes into the JSON beside the rows (the settings that reproduce them).
 */
export function chartExport(options: {
  readonly id: string;
  readonly chart: LiveChart;
  readonly dataset: string;
  readonly fileName: () => string;
  readonly meta: () => Record<string, unknown>;
}): HTMLElement {
  const { chart, dataset } = options;
  const button = (kind: string, label: string, run: () => Promise<void> | void): HTMLButtonElement => {
    const b = h("button", { type: "button", id: `${options.id}-${kind}`, class: "small" }, label);
    b.addEventListener("click", () => void run());
    return b;
  };
  return h(
    "div",
    { class: "export", role: "group", "aria-label": "Export" },
    button("csv", "Data as CSV", () =>
      downloadText(`${options.fileName()}.csv`, toCsv(chart.rowsOf(dataset)), "text/csv"),
    ),
    button("json", "Data as JSON", () =>
      downloadText(
        `${options.fileName()}.json`,
        JSON.stringify({ ...options.meta(), unit: "nats", rows: chart.rowsOf(dataset) }, null, 1),
        "application/json",
      ),
    ),
    button("png", "Chart as PNG", async () => download(`${options.fileName()}.png`, await chart.image("png"))),
    button("svg", "Chart as SVG", async () =>
      downloadText(`${options.fileName()}.svg`, await chart.image("svg"), "image/svg+xml"),
    ),
  );
}
