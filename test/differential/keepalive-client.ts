/**
 * Sends raw HTTP/1.1 requests one at a time over a reused keep-alive connection and returns
 * each response as the server framed it. A new connection is opened when the server closed
 * the last one (it says `Connection: close` after 400s, 500s and the like), and a request
 * whose reused connection turned out to be closed already is retried once on a fresh one —
 * a race between the server's FIN and our next write, not an answer.
 *
 * One request in flight per connection on purpose: the location test measures location
 * matching, so a pipelining bug must not be able to scramble its answers (pipelining has its
 * own cases in the wire fuzz).
 */
import net from "node:net";
import { headerValue, parseResponses, type HttpResponse } from "../../src/testing/http-response-parser.js";

export type Answer =
  | { readonly kind: "response"; readonly response: HttpResponse }
  /** No complete response: closed, reset, timed out, or bytes that are not HTTP. */
  | { readonly kind: "failure"; readonly why: string; readonly partial: Buffer };

const DEFAULT_TIMEOUT_MS = 5_000;

export class KeepAliveClient {
  #socket: net.Socket | null = null;
  #ended = false;

  constructor(
    readonly port: number,
    readonly timeoutMs = DEFAULT_TIMEOUT_MS,
  ) {}

  async send(request: Buffer, method = "GET"): Promise<Answer> {
    const reused = this.#socket !== null && !this.#ended;
    const first = await this.#sendOnce(request, method);
    if (first.kind === "failure" && reused && first.partial.length === 0 && first.why !== "timeout") {
      return this.#sendOnce(request, method);
    }
    return first;
  }

  close(): void {
    this.#socket?.destroy();
    this.#socket = null;
  }

  #connect(): net.Socket {
    if (this.#socket !== null && !this.#ended && !this.#socket.destroyed) return this.#socket;
    this.close();
    const socket = net.connect({ host: "127.0.0.1", port: this.port });
    socket.setNoDelay(true);
    this.#ended = false;
    socket.on("end", () => {
      if (this.#socket === socket) this.#ended = true;
    });
    socket.on("error", () => {
      if (this.#socket === socket) this.#ended = true;
    });
    this.#socket = socket;
    return socket;
  }

  #sendOnce(request: Buffer, method: string): Promise<Answer> {
    const socket = this.#connect();
    return new Promise<Answer>((resolve) => {
      const chunks: Buffer[] = [];
      let settled = false;
      const finish = (answer: Answer, keep: boolean): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        socket.off("data", onData);
        socket.off("end", onClose);
        socket.off("close", onClose);
        socket.off("error", onError);
        if (!keep) this.close();
        resolve(answer);
      };
      const evaluate = (closed: boolean): void => {
        const data = Buffer.concat(chunks);
        const parsed = parseResponses(data, { methodOf: () => method, closed });
        const response = parsed.responses[0];
        if (response !== undefined && response.truncated === undefined) {
          const keep = !closed && !/close/i.test(headerValue(response.headers, "connection") ?? "");
          finish({ kind: "response", response }, keep);
        } else if (parsed.garbage !== undefined) {
          finish({ kind: "failure", why: parsed.garbage, partial: data }, false);
        } else if (closed) {
          finish({ kind: "failure", why: response?.truncated ?? "closed without a response", partial: data }, false);
        }
      };
      const onData = (chunk: Buffer): void => {
        chunks.push(chunk);
        evaluate(false);
      };
      const onClose = (): void => evaluate(true);
      const onError = (err: NodeJS.ErrnoException): void => {
        if (chunks.length > 0) evaluate(true);
        else finish({ kind: "failure", why: err.code ?? err.message, partial: Buffer.alloc(0) }, false);
      };
      const timer = setTimeout(() => finish({ kind: "failure", why: "timeout", partial: Buffer.concat(chunks) }, false), this.timeoutMs);
      socket.on("data", onData);
      socket.on("end", onClose);
      socket.on("close", onClose);
      socket.on("error", onError);
      socket.write(request);
    });
  }
}
