// The command-line options the coverage scripts share (classifier-coverage.mjs, regression-coverage.mjs).

/** The value after `name` on the command line, else `fallback`. */
export const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i < 0 ? fallback : process.argv[i + 1];
};

/** --seeds (default 30) and --only (a substring of the rows' names to run; all by default). */
export const seeds = Number(arg("--seeds", "30"));
export const only = arg("--only", "");
