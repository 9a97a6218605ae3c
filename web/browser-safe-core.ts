import { builtinModules } from "node:module";
import path from "node:path";
import type { Plugin } from "vite";

const NODE_BUILTINS = new Set(builtinModules);

/** The folders of the core that are Node-only: the page must never pull them in. */
const NODE_ONLY_DIRS = [`${path.sep}src${path.sep}node${path.sep}`, `${path.sep}src${path.sep}cli${path.sep}`];

/** Why an import is refused in the browser build, or null when it is fine. */
export function browserUnsafeReason(source: string, importer: string | undefined): string | null {
  const bare = source.startsWith("node:") ? source.slice(5) : source;
  if (source.startsWith("node:") || NODE_BUILTINS.has(bare) || NODE_BUILTINS.has(bare.split("/")[0] ?? "")) {
    return `'${source}' is a Node built-in module`;
  }
  if (importer !== undefined && (source.startsWith(".") || path.isAbsolute(source))) {
    const resolved = path.resolve(path.dirname(importer), source);
    for (const dir of NODE_ONLY_DIRS) {
      if (resolved.includes(dir)) return `'${source}' is in the Node-only part of the library (${dir.trim()})`;
    }
  }
  return null;
}

/**
 * Fails the build when the page (or anything it imports from src/) reaches for a Node built-in or for
 * src/node, src/cli. Vite would otherwise replace a built-in by an empty shim with only a warning, and the
 * page would break at run time in the reader's browser instead of at build time on ours.
 */
export function browserSafeCore(): Plugin {
  return {
    name: "infonce-browser-safe-core",
    enforce: "pre",
    resolveId(source, importer) {
      // Vite's own modules and virtual ids (\0-prefixed) are not the page's imports.
      if (source.startsWith("\0") || source.startsWith("/@") || source.startsWith("vite/")) return null;
      const reason = browserUnsafeReason(source, importer);
      if (reason !== null) {
        this.error(
          `browser-safe core: ${reason}, imported by ${importer ?? "the entry"}. The playground may import only ` +
            "src/index.ts or files under src/ outside src/node and src/cli.",
        );
      }
      return null;
    },
  };
}
