import type { ArgsDef } from "citty";
import { closeNames } from "../close-names.js";

const kebab = (s: string) => s.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/**
 * citty (like node's parseArgs in non-strict mode) ignores flags it does not know, so a typo such as
 * `--estimater ksg` would silently run the default. Returns a one-line message for the first unknown flag,
 * with the closest known one, or null when every flag is known.
 */
export function unknownFlagMessage(argv: readonly string[], defs: ArgsDef): string | null {
  const known = new Set<string>(["help", "h"]);
  const booleans = new Set<string>();
  for (const [name, def] of Object.entries(defs)) {
    if (def.type === "positional") continue;
    const alias = "alias" in def ? def.alias : undefined;
    const aliases = alias === undefined ? [] : Array.isArray(alias) ? alias : [alias];
    for (const n of [name, kebab(name), ...aliases]) {
      known.add(n);
      if (def.type === "boolean") booleans.add(n);
    }
  }
  for (const a of argv) {
    if (!a.startsWith("-") || a === "-" || /^-\d/.test(a)) continue;
    let flag = a.replace(/^--?/, "").split("=")[0]!;
    if (flag.startsWith("no-") && booleans.has(flag.slice(3))) flag = flag.slice(3);
    if (known.has(flag)) continue;
    const close = closeNames(
      flag,
      [...known].filter((k) => k.length > 1),
    );
    const hint = close.length > 0 ? `; did you mean --${close[0]}?` : "";
    return `unknown flag '${a.split("=")[0]}'${hint}`;
  }
  return null;
}
