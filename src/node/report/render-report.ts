/** Content of a self-contained HTML report. */
export interface ReportContent {
  readonly title: string;
  /** The command line that produced it, shown verbatim so the run can be repeated. */
  readonly command?: string;
  /** Result tables: a header and rows of text cells. */
  readonly tables: readonly {
    readonly caption: string;
    readonly header: readonly string[];
    readonly rows: readonly (readonly string[])[];
  }[];
  /** Rendered plots: inline SVG text (from specToSvg). */
  readonly plots: readonly { readonly caption: string; readonly svg: string }[];
  readonly warnings: readonly string[];
  /** Every setting used, shown as JSON. */
  readonly settings: Readonly<Record<string, unknown>>;
  /** When it was made (ISO text), injected so tests are reproducible. */
  readonly created?: string;
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

const CSS = `body{font-family:DejaVu Sans,Helvetica,Arial,sans-serif;max-width:980px;margin:2em auto;padding:0 1em;color:#222}
h1{font-size:1.5em}h2{font-size:1.15em;margin-top:2em;border-bottom:1px solid #ddd}
table{border-collapse:collapse;margin:.5em 0}td,th{padding:.25em .8em;border-bottom:1px solid #eee;text-align:left}
td.n{text-align:right;font-variant-numeric:tabular-nums}th{background:#f6f6f6}
pre{background:#f6f6f6;padding:.8em;overflow-x:auto;font-size:.85em}.warn li{color:#8a4b00}
figure{margin:1em 0}figure svg{max-width:100%;height:auto}figcaption{color:#555;font-size:.9em}`;

const NUMERIC = /^[-+]?[\d.]+(e[-+]?\d+)?$|^\[.*\]$|^—$/;

/**
 * Renders a report as one HTML file with everything inline (styles, SVG plots, tables, settings): it opens
 * offline and can be mailed or attached to a paper's supplement as is. All text is HTML-escaped; the SVGs come
 * from our own renderer.
 */
export function renderReport(r: ReportContent): string {
  const table = (t: ReportContent["tables"][number]) =>
    `<table><caption>${escapeHtml(t.caption)}</caption><thead><tr>${t.header.map((h) => `<th>${escapeHtml(h)}</th>`).join("")}</tr></thead><tbody>${t.rows
      .map(
        (row) =>
          `<tr>${row.map((c) => `<td${NUMERIC.test(c) ? ' class="n"' : ""}>${escapeHtml(c)}</td>`).join("")}</tr>`,
      )
      .join("")}</tbody></table>`;
  const parts = [
    "<!doctype html>",
    '<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">',
    `<title>${escapeHtml(r.title)}</title><style>${CSS}</style></head><body>`,
    `<h1>${escapeHtml(r.title)}</h1>`,
    r.command === undefined ? "" : `<pre>$ ${escapeHtml(r.command)}</pre>`,
    r.created === undefined ? "" : `<p>Made by infonce on ${escapeHtml(r.created)}.</p>`,
    "<h2>Results</h2>",
    ...r.tables.map(table),
    r.warnings.length === 0
      ? "<p>No warnings.</p>"
      : `<h2>Warnings</h2><ul class="warn">${r.warnings.map((w) => `<li>${escapeHtml(w)}</li>`).join("")}</ul>`,
    r.plots.length === 0 ? "" : "<h2>Plots</h2>",
    ...r.plots.map((p) => `<figure>${p.svg}<figcaption>${escapeHtml(p.caption)}</figcaption></figure>`),
    "<h2>Settings</h2>",
    `<pre>${escapeHtml(JSON.stringify(r.settings, null, 2))}</pre>`,
    "</body></html>",
  ];
  return `${parts.filter((p) => p !== "").join("\n")}\n`;
}
