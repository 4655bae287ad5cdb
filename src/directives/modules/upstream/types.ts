/**
 * What an `upstream {}` block leaves for the request engine: its servers with their
 * balancing parameters, the balancing method and the keepalive cache settings.
 */
import type { ComplexValue } from "../../variables.js";

/** One `server` line of an upstream block. */
export interface UpstreamServerSpec {
  /** The address as written (`127.0.0.1:8080`, `backend.local`, `unix:/tmp/app.sock`). */
  readonly address: string;
  readonly family: "inet" | "inet6" | "unix";
  /** Host name or address (`[::1]` keeps its brackets); the socket path for unix. */
  readonly host: string;
  /** 80 when no port was written; 0 for unix sockets. */
  readonly port: number;
  /** The addresses the name resolved to when the conf was loaded (nginx resolves once). */
  readonly addresses: readonly string[];
  readonly weight: number;
  readonly maxFails: number;
  /** Seconds. */
  readonly failTimeout: number;
  /** 0 = unlimited. */
  readonly maxConns: number;
  readonly backup: boolean;
  readonly down: boolean;
}

/** The balancing method (`ip_hash`, `least_conn`, `hash`, `random`; round robin by default). */
export type UpstreamBalancer =
  | { readonly kind: "round_robin" }
  | { readonly kind: "ip_hash" }
  | { readonly kind: "least_conn" }
  | { readonly kind: "hash"; readonly key: ComplexValue; readonly consistent: boolean }
  | { readonly kind: "random"; readonly two: boolean; readonly leastConn: boolean };

/** An `upstream name { … }` block. */
export interface UpstreamSpec {
  readonly name: string;
  readonly servers: readonly UpstreamServerSpec[];
  readonly balancer: UpstreamBalancer;
  /**
   * Idle connections cached per worker (`keepalive N`); 0 = no cache. Also 0 when a balancing
   * method follows `keepalive` in the block: nginx then drops the cache silently.
   */
  readonly keepalive: number;
  /** ms */
  readonly keepaliveTimeout: number;
  readonly keepaliveRequests: number;
  /** ms */
  readonly keepaliveTime: number;
  readonly file: string;
  readonly line: number;
}
