/**
 * The http core directives that are plain settings: one row each, with nginx's contexts and
 * default (the value a location sees when no level set it). Units as stored in `settings`:
 * times ending in `_timeout`/`_time`/`_delay` are milliseconds (`msecSlot`), sizes are bytes,
 * flags are booleans, enums the lower-case word.
 */
import { enumSlot, flagSlot, markSlot, msecSlot, numSlot, offSlot, secSlot, sizeSlot, strSlot } from "../../slots.js";
import type { ContextName, DirectiveSpec } from "../../types.js";
import { bitmaskSlot, bufsSlot, complexSizeSlot, keepaliveTimeout, pathSlot, resolver, types } from "./setters.js";

const HTTP_SERVER: readonly ContextName[] = ["http", "server"];
const HSL: readonly ContextName[] = ["http", "server", "location"];
const HSL_IF: readonly ContextName[] = ["http", "server", "location", "lif"];

/** Linux x86-64 page size, which nginx's page-sized defaults are. */
const PAGE = 4096;

const MIME_DEFAULTS: Readonly<Record<string, string>> = Object.freeze(
  Object.assign(Object.create(null) as Record<string, string>, { html: "text/html", gif: "image/gif", jpg: "image/jpeg" }),
);

export const settingDirectives: readonly DirectiveSpec[] = [
  // http {} only
  { name: "variables_hash_max_size", contexts: ["http"], args: [1], set: numSlot, default: 1024 },
  { name: "variables_hash_bucket_size", contexts: ["http"], args: [1], set: numSlot, default: 64 },
  { name: "server_names_hash_max_size", contexts: ["http"], args: [1], set: numSlot, default: 512 },
  { name: "server_names_hash_bucket_size", contexts: ["http"], args: [1], set: numSlot, default: 64 },

  // http and server: read while the request head is parsed, before a location is known
  { name: "connection_pool_size", contexts: HTTP_SERVER, args: [1], set: sizeSlot, default: 512 },
  { name: "request_pool_size", contexts: HTTP_SERVER, args: [1], set: sizeSlot, default: 4096 },
  { name: "client_header_timeout", contexts: HTTP_SERVER, args: [1], set: msecSlot, default: 60_000 },
  { name: "client_header_buffer_size", contexts: HTTP_SERVER, args: [1], set: sizeSlot, default: 1024 },
  {
    name: "large_client_header_buffers",
    contexts: HTTP_SERVER,
    args: [2],
    set: bufsSlot,
    default: { count: 4, size: 8192 },
  },
  { name: "ignore_invalid_headers", contexts: HTTP_SERVER, args: "flag", set: flagSlot, default: true },
  { name: "merge_slashes", contexts: HTTP_SERVER, args: "flag", set: flagSlot, default: true },
  { name: "underscores_in_headers", contexts: HTTP_SERVER, args: "flag", set: flagSlot, default: false },

  // http, server, location
  { name: "types", contexts: HSL, args: [0], block: true, set: types, default: MIME_DEFAULTS },
  { name: "types_hash_max_size", contexts: HSL, args: [1], set: numSlot, default: 1024 },
  { name: "types_hash_bucket_size", contexts: HSL, args: [1], set: numSlot, default: 64 },
  { name: "default_type", contexts: HSL, args: [1], set: strSlot, default: "text/plain" },
  { name: "client_max_body_size", contexts: HSL, args: [1], set: offSlot, default: 1024 * 1024 },
  { name: "client_body_buffer_size", contexts: HSL, args: [1], set: sizeSlot, default: 2 * PAGE },
  { name: "client_body_timeout", contexts: HSL, args: [1], set: msecSlot, default: 60_000 },
  { name: "client_body_temp_path", contexts: HSL, args: [1, 2, 3, 4], set: pathSlot },
  {
    name: "client_body_in_file_only",
    contexts: HSL,
    args: [1],
    set: enumSlot(["off", "on", "clean"]),
    default: "off",
  },
  { name: "client_body_in_single_buffer", contexts: HSL, args: "flag", set: flagSlot, default: false },
  { name: "sendfile", contexts: HSL_IF, args: "flag", set: flagSlot, default: false },
  { name: "sendfile_max_chunk", contexts: HSL, args: [1], set: sizeSlot, default: 2 * 1024 * 1024 },
  { name: "subrequest_output_buffer_size", contexts: HSL, args: [1], set: sizeSlot, default: PAGE },
  { name: "aio_write", contexts: HSL, args: "flag", set: flagSlot, default: false },
  { name: "read_ahead", contexts: HSL, args: [1], set: sizeSlot, default: 0 },
  { name: "directio_alignment", contexts: HSL, args: [1], set: offSlot, default: 512 },
  { name: "tcp_nopush", contexts: HSL, args: "flag", set: flagSlot, default: false },
  { name: "tcp_nodelay", contexts: HSL, args: "flag", set: flagSlot, default: true },
  { name: "send_timeout", contexts: HSL, args: [1], set: msecSlot, default: 60_000 },
  { name: "send_lowat", contexts: HSL, args: [1], set: sizeSlot, default: 0 },
  { name: "postpone_output", contexts: HSL, args: [1], set: sizeSlot, default: 1460 },
  { name: "output_buffers", contexts: HSL, args: [2], set: bufsSlot, default: { count: 2, size: 32 * 1024 } },
  { name: "limit_rate", contexts: HSL_IF, args: [1], set: complexSizeSlot, default: { size: 0 } },
  { name: "limit_rate_after", contexts: HSL_IF, args: [1], set: complexSizeSlot, default: { size: 0 } },
  { name: "keepalive_time", contexts: HSL, args: [1], set: msecSlot, default: 3_600_000 },
  {
    name: "keepalive_timeout",
    contexts: HSL,
    args: [1, 2],
    set: keepaliveTimeout,
    default: { timeoutMs: 75_000, headerSeconds: null },
  },
  { name: "keepalive_requests", contexts: HSL, args: [1], set: numSlot, default: 1000 },
  {
    name: "keepalive_disable",
    contexts: HSL,
    args: [1, 2],
    set: bitmaskSlot(["none", "msie6", "safari"]),
    default: ["msie6"],
  },
  { name: "satisfy", contexts: HSL, args: [1], set: enumSlot(["all", "any"]), default: "all" },
  { name: "auth_delay", contexts: HSL, args: [1], set: msecSlot, default: 0 },
  { name: "internal", contexts: ["location"], args: [0], set: markSlot, default: false },
  { name: "lingering_close", contexts: HSL, args: [1], set: enumSlot(["off", "on", "always"]), default: "on" },
  { name: "lingering_time", contexts: HSL, args: [1], set: msecSlot, default: 30_000 },
  { name: "lingering_timeout", contexts: HSL, args: [1], set: msecSlot, default: 5000 },
  { name: "reset_timedout_connection", contexts: HSL, args: "flag", set: flagSlot, default: false },
  { name: "absolute_redirect", contexts: HSL, args: "flag", set: flagSlot, default: true },
  { name: "server_name_in_redirect", contexts: HSL, args: "flag", set: flagSlot, default: false },
  { name: "port_in_redirect", contexts: HSL, args: "flag", set: flagSlot, default: true },
  { name: "msie_padding", contexts: HSL, args: "flag", set: flagSlot, default: true },
  { name: "msie_refresh", contexts: HSL, args: "flag", set: flagSlot, default: false },
  { name: "log_not_found", contexts: HSL, args: "flag", set: flagSlot, default: true },
  { name: "log_subrequest", contexts: HSL, args: "flag", set: flagSlot, default: false },
  { name: "recursive_error_pages", contexts: HSL, args: "flag", set: flagSlot, default: false },
  { name: "server_tokens", contexts: HSL, args: [1], set: enumSlot(["off", "on", "build"]), default: "on" },
  {
    name: "if_modified_since",
    contexts: HSL,
    args: [1],
    set: enumSlot(["off", "exact", "before"]),
    default: "exact",
  },
  { name: "max_ranges", contexts: HSL, args: [1], set: numSlot, default: 0x7fffffff },
  { name: "chunked_transfer_encoding", contexts: HSL, args: "flag", set: flagSlot, default: true },
  { name: "etag", contexts: HSL, args: "flag", set: flagSlot, default: true },
  { name: "post_action", contexts: HSL_IF, args: [1], set: strSlot },
  { name: "open_file_cache_valid", contexts: HSL, args: [1], set: secSlot, default: 60 },
  { name: "open_file_cache_min_uses", contexts: HSL, args: [1], set: numSlot, default: 1 },
  { name: "open_file_cache_errors", contexts: HSL, args: "flag", set: flagSlot, default: false },
  { name: "open_file_cache_events", contexts: HSL, args: "flag", set: flagSlot, default: false },
  { name: "resolver", contexts: HSL, args: "1more", set: resolver },
  { name: "resolver_timeout", contexts: HSL, args: [1], set: msecSlot, default: 30_000 },
];
