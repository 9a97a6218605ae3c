import { closeNames } from "../close-names.js";
import { InfonceError } from "../errors.js";
import type { CommonEstimateOptions, ResolvedSettings, SettingSpec, SettingSpecs } from "../types.js";

/** The options every estimator takes besides its settings (CommonEstimateOptions' keys). */
export const COMMON_OPTION_KEYS: readonly (keyof CommonEstimateOptions)[] = [
  "seed",
  "onProgress",
  "stop",
  "kernel",
  "ksgPool",
  "foldPool",
];

/**
 * E_ARG for a key that is neither a common option nor one of `specs`, naming the closest valid key: a typo'd
 * setting (`maxStep`) would otherwise be ignored silently and the run would use the default.
 */
export function checkSettingKeys(owner: string, specs: SettingSpecs, options: Readonly<Record<string, unknown>>): void {
  const valid = [...Object.keys(specs), ...COMMON_OPTION_KEYS];
  for (const key of Object.keys(options)) {
    if (valid.includes(key)) continue;
    const close = closeNames(key, valid, 1);
    const hint = close.length > 0 ? `did you mean '${close[0]}'? ` : "";
    throw new InfonceError(
      "E_ARG",
      `${owner} has no setting '${key}'; ${hint}its settings: ${Object.keys(specs).join(", ") || "none"}`,
    );
  }
}

function describeValue(v: unknown): string {
  return Array.isArray(v) || (typeof v === "object" && v !== null) ? JSON.stringify(v) : String(v);
}

/** A setting's value checked against its spec (its default when undefined); E_ARG names the key and the value. */
export function readSetting(key: string, spec: SettingSpec, v: unknown): unknown {
  if (v === undefined) return "default" in spec ? spec.default : undefined;
  const bad = (what: string) => new InfonceError("E_ARG", `${key} must be ${what}, got ${describeValue(v)}`);
  switch (spec.type) {
    case "integer": {
      const max = spec.max ?? Number.MAX_SAFE_INTEGER;
      if (typeof v !== "number" || !Number.isInteger(v) || v < spec.min || v > max) {
        throw bad(`an integer ${spec.max === undefined ? `≥ ${spec.min}` : `in [${spec.min}, ${spec.max}]`}`);
      }
      return v;
    }
    case "number":
      if (typeof v !== "number" || Number.isNaN(v) || !spec.check(v)) throw bad(spec.expected);
      return v;
    case "boolean":
      if (typeof v !== "boolean") throw bad("true or false");
      return v;
    case "choice":
      if (typeof v !== "string" || !spec.choices.includes(v)) throw bad(`one of ${spec.choices.join(", ")}`);
      return v;
    case "integer-list":
      if (!Array.isArray(v) || !v.every((h) => Number.isInteger(h) && h >= spec.min)) {
        throw bad(`a list of integers ≥ ${spec.min} (e.g. [256, 256])`);
      }
      return [...v];
    case "sides": {
      const ok =
        typeof v === "object" &&
        v !== null &&
        !Array.isArray(v) &&
        Object.entries(v).every(
          ([side, b]) => (side === "x" || side === "y") && (b === undefined || typeof b === "boolean"),
        );
      if (!ok) throw bad("an object { x?: boolean, y?: boolean }");
      return v;
    }
  }
}

/**
 * The settings of `owner` from its options: unknown keys refused (checkSettingKeys), every setting checked against
 * its spec, defaults filled in. The one place estimators read their options.
 */
export function readSettings<D extends SettingSpecs>(
  owner: string,
  specs: D,
  options: Readonly<Record<string, unknown>>,
): ResolvedSettings<D> {
  checkSettingKeys(owner, specs, options);
  const out: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(specs)) out[key] = readSetting(key, spec, options[key]);
  return out as ResolvedSettings<D>;
}

/**
 * The settings of several descriptors in one (auto's: it passes them on to the estimator it chooses): each key with
 * the first spec that has it, for listing; checkSettingsOfAny checks values against all of them.
 */
export function mergeSettings(all: readonly SettingSpecs[]): SettingSpecs {
  const out: Record<string, SettingSpec> = {};
  for (const specs of all) for (const [key, spec] of Object.entries(specs)) out[key] ??= spec;
  return out;
}

/**
 * For a caller that passes its options on (auto): every key must be a setting of one of `all`, and its value valid
 * for at least one of the estimators that take it; else E_ARG, as readSettings would say.
 */
export function checkSettingsOfAny(
  owner: string,
  all: readonly SettingSpecs[],
  options: Readonly<Record<string, unknown>>,
): void {
  checkSettingKeys(owner, mergeSettings(all), options);
  for (const [key, v] of Object.entries(options)) {
    const specs = all.flatMap((s) => (Object.hasOwn(s, key) ? [s[key] as SettingSpec] : []));
    const errors: unknown[] = [];
    for (const spec of specs) {
      try {
        readSetting(key, spec, v);
      } catch (e) {
        errors.push(e);
      }
    }
    if (specs.length > 0 && errors.length === specs.length) throw errors[0];
  }
}

/**
 * The options of `options` that an estimator with these settings takes (the common ones and its own): what a
 * caller that fans one set of options out to several estimators (auto, the benchmark's groups) passes each.
 * `specs` undefined (an estimator without a descriptor): all of them.
 */
export function optionsFor(
  specs: SettingSpecs | undefined,
  options: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  if (specs === undefined) return { ...options };
  const keep = (key: string) => Object.hasOwn(specs, key) || (COMMON_OPTION_KEYS as readonly string[]).includes(key);
  return Object.fromEntries(Object.entries(options).filter(([key]) => keep(key)));
}
