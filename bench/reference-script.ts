import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));

/** The repository root (the folder with package.json), from dist/bench or bench. */
export function repoRoot(): string {
  let dir = here;
  for (let i = 0; i < 5; i++) {
    if (existsSync(join(dir, "package.json"))) return dir;
    dir = dirname(dir);
  }
  return resolve(here, "..", "..");
}

/**
 * A reference script of shared/bench (torch_ref.py, scipy_ref.py): $INFONCE_SHARED/bench if set, else
 * ../shared/bench relative to the repository root, or the nearest shared/bench further up (a git worktree may sit
 * one level deeper). The path is returned even when absent, so that callers can name it in their message.
 */
export function referenceScript(name: string): string {
  const shared = process.env.INFONCE_SHARED;
  if (shared) return join(shared, "bench", name);
  let dir = dirname(repoRoot());
  for (let i = 0; i < 4; i++) {
    const candidate = join(dir, "shared", "bench", name);
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  return resolve(repoRoot(), "..", "shared", "bench", name);
}

/** Why a reference script cannot run here (absent, or its Python module missing), or null when it can. */
export function referenceMissing(script: string, pythonModule: string): string | null {
  if (!existsSync(script)) {
    return `reference skipped: ${script} not found (put the shared folder at ../shared, or set INFONCE_SHARED)`;
  }
  if (spawnSync("/usr/bin/python3", ["-c", `import ${pythonModule}`]).status !== 0) {
    return `reference skipped: /usr/bin/python3 cannot import ${pythonModule} (apt-get install python3-${pythonModule})`;
  }
  return null;
}
