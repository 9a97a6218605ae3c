import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { InfonceError } from "../errors.js";
import type { CompiledKernel } from "../linalg/compiled-kernel.js";
import type { RawKernel } from "../linalg/raw-kernel.js";
import { tsKernel } from "../linalg/ts-kernel.js";
import { wrapCompiledKernel } from "../linalg/wrap-compiled-kernel.js";
import type { Kernel } from "../types.js";

const ADDON = join("build", "Release", "infonce_native.node");

/** The package root: the nearest folder above this file holding build/Release/infonce_native.node or binding.gyp. */
function findAddon(): string | null {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let up = 0; up < 6; up++) {
    const candidate = join(dir, ADDON);
    if (existsSync(candidate)) return candidate;
    if (existsSync(join(dir, "binding.gyp"))) return null;
    dir = dirname(dir);
  }
  return null;
}

/**
 * Loads the N-API addon built by `npm ci` (scripts/build-native.mjs → node-gyp) and returns its Kernel.
 * Throws InfonceError E_ENGINE, saying why, when the addon was not built or does not load on this machine.
 * `fallback` serves the bounds the C kernels leave to TypeScript (the α-bound); `addonPath` overrides where the
 * addon is looked for (default: build/Release/infonce_native.node in the package).
 */
export function loadNativeKernel(fallback: Kernel = tsKernel, addonPath?: string): CompiledKernel {
  const path = addonPath ?? findAddon();
  if (path === null || !existsSync(path)) {
    throw new InfonceError(
      "E_ENGINE",
      `native engine: ${path ?? ADDON} was not built (npm ci builds it with node-gyp; see build/native-build.log)`,
    );
  }
  let raw: RawKernel;
  try {
    raw = createRequire(import.meta.url)(path) as RawKernel;
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw new InfonceError("E_ENGINE", `native engine: ${path} did not load: ${why}`);
  }
  return wrapCompiledKernel(raw, "native", fallback);
}
