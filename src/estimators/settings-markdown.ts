import type { Estimator, SettingSpec, SettingSpecs } from "../types.js";

function code(v: unknown): string {
  return `\`${Array.isArray(v) ? `[${v.join(", ")}]` : String(v)}\``;
}

function typeOf(spec: SettingSpec): string {
  switch (spec.type) {
    case "integer":
      return spec.max === undefined ? `integer ≥ ${spec.min}` : `integer in [${spec.min}, ${spec.max}]`;
    case "number":
      return spec.expected.startsWith("a ") ? spec.expected : `number, ${spec.expected}`;
    case "boolean":
      return "boolean";
    case "choice":
      return spec.choices.map(code).join(" \\| ");
    case "integer-list":
      return `list of integers ≥ ${spec.min}`;
    case "sides":
      return "`{ x?: boolean, y?: boolean }`";
  }
}

function defaultOf(spec: SettingSpec): string {
  if ("default" in spec && spec.default !== undefined) return code(spec.default);
  return spec.defaultDoc ?? "—";
}

function table(specs: SettingSpecs): string {
  const rows = Object.entries(specs).map(
    ([key, spec]) => `| \`${key}\` | ${typeOf(spec)} | ${defaultOf(spec)} | ${spec.doc.replace(/\|/g, "\\|")} |`,
  );
  return ["| setting | type | default | what it does |", "| --- | --- | --- | --- |", ...rows].join("\n");
}

/**
 * The settings of every estimator as markdown tables, one per descriptor (estimators sharing one, like the neural
 * estimators or ksg and ksg2, share the table), from the descriptors themselves: docs/library.md embeds this between
 * markers (`npm run docs:settings` rewrites it; a test fails when they differ). `passOn` names the estimators that
 * take the settings of the others and pass each on (auto), listed after the tables.
 */
export function settingsMarkdown(estimators: readonly Estimator[], passOn: readonly string[] = ["auto"]): string {
  const groups = new Map<SettingSpecs, string[]>();
  for (const e of estimators) {
    if (e.settings === undefined || passOn.includes(e.name)) continue;
    const names = groups.get(e.settings) ?? [];
    names.push(e.name);
    groups.set(e.settings, names);
  }
  const parts: string[] = [];
  for (const [specs, names] of groups) {
    parts.push(`#### ${names.map((n) => `\`${n}\``).join(", ")}\n\n${table(specs)}`);
  }
  for (const name of passOn) {
    if (!estimators.some((e) => e.name === name)) continue;
    parts.push(
      `#### \`${name}\`\n\nTakes any setting of the tables above and passes each to the estimator it runs, if that one has it ` +
        "(an unknown key is still an error).",
    );
  }
  return `${parts.join("\n\n")}\n`;
}
