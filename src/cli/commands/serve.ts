import { createReadStream, existsSync, readFileSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type CommandDef, defineCommand } from "citty";
import { InfonceError } from "../../errors.js";
import type { CliIO } from "../io.js";
import type { CommandFactory } from "./index.js";

const MIME: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".wasm": "application/wasm",
  ".map": "application/json; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
};

/** The package root: the nearest folder above this file whose package.json is infonce's (src/ or dist/src/). */
export function packageRoot(from: string = fileURLToPath(import.meta.url)): string {
  let dir = path.dirname(from);
  for (;;) {
    const manifest = path.join(dir, "package.json");
    if (existsSync(manifest)) {
      const name = (JSON.parse(readFileSync(manifest, "utf8")) as { name?: unknown }).name;
      if (name === "infonce") return dir;
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new InfonceError("E_IO", `cannot find infonce's package.json above ${from}`);
    dir = parent;
  }
}

/** A running static server and the address it listens on. */
export interface StaticServer {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Serves the files under `root` (the built playground) over HTTP: GET/HEAD only, `/` → index.html, no
 * directory listings, and no path outside `root` (../ and encoded variants are refused with 404).
 */
export async function startStaticServer(root: string, host: string, port: number): Promise<StaticServer> {
  const base = path.resolve(root);
  if (!existsSync(path.join(base, "index.html"))) {
    throw new InfonceError(
      "E_IO",
      `${path.join(base, "index.html")} does not exist; build the playground first with 'npm run web:build' in a source checkout (the npm package does not ship it), or pass --dir`,
    );
  }
  const server: Server = createServer((req, res) => {
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { allow: "GET, HEAD" }).end();
      return;
    }
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(req.url ?? "/", "http://localhost").pathname);
    } catch {
      res.writeHead(400).end("bad request");
      return;
    }
    const file = path.resolve(base, `.${pathname.endsWith("/") ? `${pathname}index.html` : pathname}`);
    const inside = file === base || file.startsWith(base + path.sep);
    if (!inside || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("not found");
      return;
    }
    res.writeHead(200, {
      "content-type": MIME[path.extname(file).toLowerCase()] ?? "application/octet-stream",
      "cache-control": "no-cache",
      "x-content-type-options": "nosniff",
    });
    if (req.method === "HEAD") res.end();
    else createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", (e: NodeJS.ErrnoException) =>
      reject(new InfonceError("E_IO", `cannot listen on ${host}:${port}: ${e.code ?? e.message}`)),
    );
    server.listen(port, host, resolve);
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === "IPv6" ? `[${address.address}]` : address.address;
  return {
    url: `http://${shownHost}:${address.port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const serve: CommandFactory = (io: CliIO) =>
  defineCommand({
    meta: {
      name: "serve",
      // A source-checkout command: the npm package ships the library and the CLI, not the built page.
      description: "Serve the web playground built in a source checkout (npm run web:build) until Ctrl-C",
    },
    args: {
      port: { type: "string", description: "Port to listen on (0 picks a free one)", default: "5173" },
      host: { type: "string", description: "Address to bind (127.0.0.1 keeps it local)", default: "127.0.0.1" },
      dir: { type: "string", description: "Folder of the built page (default: web/dist of the source checkout)" },
    },
    async run({ args }) {
      const port = Number(args.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        throw new InfonceError("E_ARG", `--port is '${args.port}'; give a whole number from 0 to 65535`);
      }
      const dir =
        typeof args.dir === "string" ? path.resolve(io.cwd, args.dir) : path.join(packageRoot(), "web", "dist");
      const server = await startStaticServer(dir, args.host, port);
      io.err(`infonce: serving ${dir}\n`);
      io.out(`${server.url}\n`);
      while (!io.stop.stopped) await new Promise((resolve) => setTimeout(resolve, 200));
      await server.close();
      return 0;
    },
    // citty types run() against these exact args; the registry holds commands of any args.
  }) as CommandDef;

export default serve;
