import { InfonceError } from "../../errors.js";

/** The plotting stack: optional peer dependencies, so that a library user does not install ~16 MB for plots. */
export const PLOT_PACKAGES = "vega vega-lite @resvg/resvg-js";

/**
 * Imports an optional peer dependency, turning "not installed" into a one-line E_DEPENDENCY error with the
 * install command instead of a module-resolution stack trace.
 * @param load the dynamic import (written at the call site so bundlers and type checkers see the specifier)
 * @param what the feature that needs it, for the message
 * @param packages the packages to install, and what they are for (the plotting stack by default)
 */
export async function importOptional<T>(
  load: () => Promise<T>,
  what: string,
  packages = PLOT_PACKAGES,
  kind = "plotting",
): Promise<T> {
  try {
    return await load();
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    if (code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND") {
      throw new InfonceError(
        "E_DEPENDENCY",
        `${what} needs the optional ${kind} packages, which are not installed; run: npm install ${packages}`,
      );
    }
    throw e;
  }
}
