// Every section a block may carry. Unknown names are errors (spec-format.md §1): a typo such as
// `--- response_bdy` must fail loudly instead of silently testing nothing.

/** Sections that shape the server: they make up the generated conf and the html dir. */
export const CONFIG_SECTIONS = [
  "main_config",
  "http_config",
  "config",
  "post_main_config",
  "server_name",
  "log_level",
  "user_files",
] as const;

const REQUEST_SECTIONS = [
  "request",
  "more_headers",
  "pipelined_requests",
  "raw_request",
  "raw_request_middle_delay",
  "timeout",
  "abort",
  "shutdown",
] as const;

const RESPONSE_SECTIONS = [
  "error_code",
  "response_body",
  "response_body_like",
  "response_body_unlike",
  "response_headers",
  "response_headers_like",
  "raw_response_headers_like",
  "ignore_response",
] as const;

const LOG_SECTIONS = [
  "error_log",
  "no_error_log",
  "grep_error_log",
  "grep_error_log_out",
  "access_log",
  "no_access_log",
  "wait",
] as const;

const BACKEND_SECTIONS = [
  "tcp_listen",
  "tcp_query",
  "tcp_query_len",
  "tcp_reply",
  "tcp_reply_delay",
  "tcp_no_close",
  "tcp_shutdown",
  "udp_listen",
  "udp_query",
  "udp_reply",
  "udp_reply_delay",
] as const;

const CONTROL_SECTIONS = ["must_die", "skip_if", "todo"] as const;

/** Markers select blocks; they carry no value and cannot be defaults. */
export const MARKER_SECTIONS = ["ONLY", "SKIP", "LAST"] as const;

export type SectionName =
  | (typeof CONFIG_SECTIONS)[number]
  | (typeof REQUEST_SECTIONS)[number]
  | (typeof RESPONSE_SECTIONS)[number]
  | (typeof LOG_SECTIONS)[number]
  | (typeof BACKEND_SECTIONS)[number]
  | (typeof CONTROL_SECTIONS)[number]
  | (typeof MARKER_SECTIONS)[number];

const ALL_SECTIONS: ReadonlySet<string> = new Set<string>([
  ...CONFIG_SECTIONS,
  ...REQUEST_SECTIONS,
  ...RESPONSE_SECTIONS,
  ...LOG_SECTIONS,
  ...BACKEND_SECTIONS,
  ...CONTROL_SECTIONS,
  ...MARKER_SECTIONS,
]);

export function isSectionName(name: string): name is SectionName {
  return ALL_SECTIONS.has(name);
}

export function isMarkerSection(name: SectionName): boolean {
  return (MARKER_SECTIONS as readonly string[]).includes(name);
}

/** Sections whose text goes through macro expansion: those of spec-format.md §5, plus the
 * request, header, log and mock sections, where ports and paths show up just as often
 * (`Location: http://localhost:$TEST_NGINX_SERVER_PORT/`, `upstream: "http://127.0.0.1:…"`). */
export const MACRO_SECTIONS: ReadonlySet<SectionName> = new Set<SectionName>([
  ...CONFIG_SECTIONS,
  "tcp_listen",
  "udp_listen",
  "pipelined_requests",
  "response_body",
  "response_body_like",
  "response_body_unlike",
  "grep_error_log_out",
  "request",
  "raw_request",
  "more_headers",
  "error_log",
  "no_error_log",
  "access_log",
  "no_access_log",
  "response_headers",
  "response_headers_like",
  "tcp_query",
  "tcp_reply",
  "udp_query",
  "udp_reply",
]);
