import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { captureIO } from "../../../test/helpers/run-cli.js";
import { isInfonceError } from "../../errors.js";
import { runCli } from "../main.js";
import { packageRoot, type StaticServer, startStaticServer } from "./serve.js";

/** A raw GET that sends the path exactly as given (fetch would normalise ../ away). */
function get(url: string, rawPath: string): Promise<{ status: number; type: string; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path: rawPath, method: "GET" }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        body += chunk;
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, type: res.headers["content-type"] ?? "", body }));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("startStaticServer", () => {
  let dir: string;
  let root: string;
  let server: StaticServer;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "infonce-serve-"));
    root = path.join(dir, "site");
    mkdirSync(path.join(root, "assets"), { recursive: true });
    writeFileSync(path.join(root, "index.html"), "<!doctype html><title>page</title>");
    writeFileSync(path.join(root, "assets", "app.js"), "export const a = 1;");
    writeFileSync(path.join(root, "assets", "kernel.wasm"), new Uint8Array([0, 97, 115, 109]));
    writeFileSync(path.join(dir, "secret.txt"), "outside the root");
    server = await startStaticServer(root, "127.0.0.1", 0);
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("serves index.html at / and files with their MIME type", async () => {
    const index = await get(server.url, "/");
    expect(index.status).toBe(200);
    expect(index.type).toBe("text/html; charset=utf-8");
    expect(index.body).toContain("<title>page</title>");
    expect((await get(server.url, "/assets/app.js")).type).toBe("text/javascript; charset=utf-8");
    expect((await get(server.url, "/assets/kernel.wasm")).type).toBe("application/wasm");
  });

  it("answers 404 for missing files, folders and any path outside the root", async () => {
    expect((await get(server.url, "/missing.js")).status).toBe(404);
    expect((await get(server.url, "/assets")).status).toBe(404);
    expect((await get(server.url, "/../secret.txt")).status).toBe(404);
    expect((await get(server.url, "/%2e%2e/secret.txt")).status).toBe(404);
    expect((await get(server.url, "/assets/%2e%2e%2f%2e%2e%2fsecret.txt")).status).toBe(404);
  });

  it("refuses a folder without index.html with E_IO and says how to build it", async () => {
    const error = await startStaticServer(dir, "127.0.0.1", 0).catch((e: unknown) => e);
    expect(isInfonceError(error) && error.code).toBe("E_IO");
    expect(String(error)).toMatch(/npm run web:build/);
  });
});

describe("infonce serve", () => {
  it("finds the package root from its own file", () => {
    expect(packageRoot()).toBe(path.resolve(import.meta.dirname, "../../.."));
  });

  it("prints the URL, serves until stopped, and rejects a bad port", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "infonce-serve-cli-"));
    writeFileSync(path.join(dir, "index.html"), "<!doctype html><title>cli</title>");
    const { io, out, err } = captureIO({ cwd: dir });
    const running = runCli(["serve", "--port", "0", "--dir", "."], io);
    while (!out().includes("http://")) await new Promise((r) => setTimeout(r, 20));
    const url = out().trim();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect((await get(url, "/")).body).toContain("<title>cli</title>");
    io.stop.stopped = true;
    expect(await running).toBe(0);
    expect(err()).toContain(dir);

    const bad = await runCli(["serve", "--port", "70000"], { ...io, stop: { stopped: false } });
    expect(bad).toBe(2);
    expect(err()).toMatch(/--port is '70000'/);
    rmSync(dir, { recursive: true, force: true });
  });
});
