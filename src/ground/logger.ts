/**
 * The monitor's logger: one JSON object per line (pino), so a log shipper (Loki, Elasticsearch,
 * journald) can filter on fields instead of parsing prose. Code receives it as the `logger`
 * dependency; this narrow interface is what it may call, which pino's own logger satisfies.
 */
import { pino, stdSerializers, stdTimeFunctions, type DestinationStream } from "pino";

export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

type Fields = Record<string, unknown>;

/** A message, or structured fields and a message (pino's argument order). */
export interface LogFn {
  (message: string): void;
  (fields: Fields, message: string): void;
}

export interface Logger {
  fatal: LogFn;
  error: LogFn;
  warn: LogFn;
  info: LogFn;
  debug: LogFn;
  trace: LogFn;
  /** A logger that adds `bindings` to every line (e.g. a pipeline name). */
  child(bindings: Fields): Logger;
}

/**
 * A pino logger writing to `destination` (default: stdout, and stderr for error and fatal). Levels are written as their names and
 * times as ISO 8601, so a person reading `docker logs` needs no lookup table.
 * @example createLogger({ level: config.MM_LOG_LEVEL }).info({ pipeline: "waste" }, "run started")
 */
export function createLogger({ level, destination }: { level: LogLevel; destination?: DestinationStream }): Logger {
  const options = {
    level,
    base: { pid: process.pid },
    timestamp: stdTimeFunctions.isoTime,
    formatters: { level: (label: string) => ({ level: label }) },
    serializers: { err: stdSerializers.err },
  };
  if (destination) return pino(options, destination);
  // error and fatal to stderr, the rest to stdout: what a supervisor or a terminal shows as errors.
  return pino(
    options,
    pino.multistream(
      [
        { level: "trace", stream: pino.destination({ dest: 1, sync: true }) },
        { level: "error", stream: pino.destination({ dest: 2, sync: true }) },
      ],
      { dedupe: true },
    ),
  );
}

const ORDER: Record<LogLevel, number> = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60, silent: Infinity };

/**
 * A logger that hands each message (without its fields) to `write` as a plain line, from `level` up:
 * for command-line tools that print to a terminal, and tests that collect lines.
 */
export function lineLogger(write: (line: string) => void, level: LogLevel = "info"): Logger {
  const at =
    (name: Exclude<LogLevel, "silent">): LogFn =>
    (first: Fields | string, message?: string) => {
      if (ORDER[name] >= ORDER[level]) write(typeof first === "string" ? first : (message ?? ""));
    };
  const logger: Logger = {
    fatal: at("fatal"),
    error: at("error"),
    warn: at("warn"),
    info: at("info"),
    debug: at("debug"),
    trace: at("trace"),
    child: () => logger,
  };
  return logger;
}

/** Drops everything. */
export const silentLogger: Logger = lineLogger(() => {}, "silent");
