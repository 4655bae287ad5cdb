// Turns a `request` value ("METHOD URI [PROTOCOL]" then an optional body) into the bytes sent on
// the wire, adding what Test::Nginx adds: Host, Connection and Content-Length.

export interface HttpRequestSpec {
  readonly method: string;
  readonly uri: string;
  /** "HTTP/1.1" unless the request line names another. */
  readonly protocol: string;
  /** undefined when the request has no body lines at all. */
  readonly body: Buffer | undefined;
}

export interface BuildOptions {
  /** `Name: value` lines from `more_headers`; they win over the headers the builder would add. */
  readonly moreHeaders: readonly (readonly [string, string])[];
  /** Pipelined requests other than the last keep the connection open. */
  readonly keepAlive: boolean;
  readonly host: string;
}

export class RequestSyntaxError extends Error {}

/**
 * Splits request text into the request line and the body. `bodyHasSectionNewline` says the text
 * came from a plain section, whose final newline was added by normalisation and is not part of
 * the body; a json string is taken as written.
 */
export function parseRequestText(text: string | Buffer, bodyHasSectionNewline: boolean): HttpRequestSpec {
  const bytes = typeof text === "string" ? Buffer.from(text, "utf8") : text;
  const eol = bytes.indexOf(0x0a);
  const requestLine = bytes.subarray(0, eol < 0 ? bytes.length : eol).toString("utf8").replace(/\r$/, "");
  const words = requestLine.trim().split(/\s+/);
  if (words.length < 2 || words.length > 3 || words[0] === "") {
    throw new RequestSyntaxError(`request line "${requestLine}" is not "METHOD URI [PROTOCOL]"`);
  }
  const [method, uri, protocol = "HTTP/1.1"] = words as [string, string, string?];
  if (!/^HTTP\/\d\.\d$/.test(protocol)) throw new RequestSyntaxError(`unknown protocol "${protocol}" in "${requestLine}"`);

  let body: Buffer | undefined;
  if (eol >= 0 && eol + 1 < bytes.length) {
    body = bytes.subarray(eol + 1);
    if (bodyHasSectionNewline && body.at(-1) === 0x0a) body = body.subarray(0, -1);
  }
  return { method, uri, protocol, body };
}

export function buildRequest(spec: HttpRequestSpec, options: BuildOptions): Buffer {
  // HTTP/0.9 has neither headers nor a protocol in its request line.
  if (spec.protocol === "HTTP/0.9") return Buffer.from(`${spec.method} ${spec.uri}\r\n`, "latin1");

  const has = (name: string): boolean => options.moreHeaders.some(([n]) => n.toLowerCase() === name);
  const lines = [`${spec.method} ${spec.uri} ${spec.protocol}`];
  if (!has("host")) lines.push(`Host: ${options.host}`);
  if (!has("connection")) lines.push(options.keepAlive ? "Connection: keep-alive" : "Connection: close");
  if (spec.body !== undefined && !has("content-length") && !has("transfer-encoding")) {
    lines.push(`Content-Length: ${spec.body.length}`);
  }
  for (const [name, value] of options.moreHeaders) lines.push(`${name}: ${value}`);
  const head = Buffer.from(lines.join("\r\n") + "\r\n\r\n", "utf8");
  return spec.body === undefined ? head : Buffer.concat([head, spec.body]);
}

/** Parses `more_headers` lines ("Name: value"); a line without a colon is an error. */
export function parseHeaderLines(lines: readonly string[]): [string, string][] {
  return lines.map((line) => {
    const colon = line.indexOf(":");
    if (colon <= 0) throw new RequestSyntaxError(`header line "${line}" is not "Name: value"`);
    return [line.slice(0, colon).trim(), line.slice(colon + 1).trim()];
  });
}
