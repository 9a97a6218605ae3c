import { Redis } from "ioredis";
import { InfonceError } from "../../errors.js";

/** The BullMQ queue the tiles go through, unless the URL names another (redis://host:port/db?queue=name). */
export const DEFAULT_QUEUE = "infonce-tiles";

/** How long a queue URL may take to answer before it counts as not answering. */
const CONNECT_MS = 3000;

/** A queue URL parsed into BullMQ's connection options and the queue name. */
export interface QueueTarget {
  readonly url: string;
  readonly name: string;
  readonly connection: {
    readonly host: string;
    readonly port: number;
    readonly db: number;
    readonly username?: string;
    readonly password?: string;
    readonly connectTimeout: number;
    readonly maxRetriesPerRequest: null;
  };
}

/** Parses `redis://[user:pass@]host:port[/db][?queue=name]`; E_ARG names what is wrong. */
export function parseQueueUrl(url: string): QueueTarget {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new InfonceError("E_ARG", `--queue must be a redis:// URL like redis://127.0.0.1:6379, got '${url}'`);
  }
  if (u.protocol !== "redis:") {
    throw new InfonceError("E_ARG", `--queue must be a redis:// URL like redis://127.0.0.1:6379, got '${url}'`);
  }
  const db = u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0;
  if (!(Number.isInteger(db) && db >= 0))
    throw new InfonceError("E_ARG", `--queue ${url}: the database must be a number`);
  return {
    url,
    name: u.searchParams.get("queue") ?? DEFAULT_QUEUE,
    connection: {
      host: u.hostname || "127.0.0.1",
      port: u.port === "" ? 6379 : Number(u.port),
      db,
      ...(u.username === "" ? {} : { username: decodeURIComponent(u.username) }),
      ...(u.password === "" ? {} : { password: decodeURIComponent(u.password) }),
      connectTimeout: CONNECT_MS,
      // Blocking connections (workers) must not give up on a request; failures surface through the ping below.
      maxRetriesPerRequest: null,
    },
  };
}

/**
 * A plain Redis client for the queue's side data (the run's table) that gives up at once when Redis does not
 * answer — BullMQ's own connections retry forever, which would hang a command on a wrong URL — checked by PING
 * within a few seconds. Otherwise E_IO with the URL and the remedy, and nothing is left open.
 */
export async function connectRedis(target: QueueTarget): Promise<Redis> {
  const redis = new Redis({
    ...target.connection,
    lazyConnect: true,
    retryStrategy: () => null,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
  });
  redis.on("error", () => {}); // reported by the ping below
  try {
    await withTimeout(redis.connect(), CONNECT_MS);
    const pong = await withTimeout(redis.ping(), CONNECT_MS);
    if (pong !== "PONG") throw new Error(`PING answered ${String(pong)}`);
    return redis;
  } catch (e) {
    redis.disconnect();
    const why = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    throw new InfonceError(
      "E_IO",
      `--queue ${target.url}: Redis does not answer (${why}); start redis-server there, or fix the host and port`,
    );
  }
}

/** Checks a queue URL before any long work (reading the file); E_IO when Redis does not answer. */
export async function checkQueue(url: string): Promise<void> {
  const redis = await connectRedis(parseQueueUrl(url));
  redis.disconnect();
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error("timed out"), { code: "ETIMEDOUT" })), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}
