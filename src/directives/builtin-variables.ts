/**
 * The variables nginx 1.22 defines in the http modules tsresty accepts (core, upstream,
 * proxy, realip; the rewrite and lua modules define none of their own). A conf that uses a
 * name from another nginx module (`$ssl_protocol`, `$gzip_ratio`, `$geoip_*`) gets
 * `unknown "…" variable`, as nginx would without that module. Every name here was checked
 * against the real nginx 1.22.1 (`return 200 $name;` passes `nginx -t`).
 */

/** ngx_http_variables.c: the core variables (names are lower case; lookups fold case). */
const CORE = [
  "http_host", "http_user_agent", "http_referer", "http_via", "http_x_forwarded_for", "http_cookie",
  "content_length", "content_type", "host", "binary_remote_addr", "remote_addr", "remote_port",
  "proxy_protocol_addr", "proxy_protocol_port", "proxy_protocol_server_addr", "proxy_protocol_server_port",
  "server_addr", "server_port", "server_protocol", "scheme", "https", "request_uri", "uri", "document_uri",
  "request", "document_root", "realpath_root", "query_string", "args", "is_args", "request_filename",
  "server_name", "request_method", "remote_user", "bytes_sent", "body_bytes_sent", "pipe",
  "request_completion", "request_body", "request_body_file", "request_length", "request_time",
  "request_id", "status", "sent_http_content_type", "sent_http_content_length", "sent_http_location",
  "sent_http_last_modified", "sent_http_connection", "sent_http_keep_alive",
  "sent_http_transfer_encoding", "sent_http_cache_control", "sent_http_link", "limit_rate",
  "connection", "connection_requests", "connection_time", "nginx_version", "hostname", "pid", "msec",
  "time_iso8601", "time_local", "tcpinfo_rtt", "tcpinfo_rttvar", "tcpinfo_snd_cwnd", "tcpinfo_rcv_space",
];

/** ngx_http_upstream.c (with the cache compiled in, as Debian builds it). */
const UPSTREAM = [
  "upstream_addr", "upstream_status", "upstream_connect_time", "upstream_header_time",
  "upstream_response_time", "upstream_response_length", "upstream_bytes_received", "upstream_bytes_sent",
  "upstream_cache_status", "upstream_cache_last_modified", "upstream_cache_etag",
];

/** ngx_http_proxy_module.c; the `internal` ones exist for `proxy_set_body`/chunked uploads. */
const PROXY = [
  "proxy_host", "proxy_port", "proxy_add_x_forwarded_for", "proxy_internal_body_length",
  "proxy_internal_chunked",
];

/** ngx_http_realip_module.c */
const REALIP = ["realip_remote_addr", "realip_remote_port"];

export const BUILTIN_VARIABLES: ReadonlySet<string> = new Set([...CORE, ...UPSTREAM, ...PROXY, ...REALIP]);

/**
 * Families named by a prefix (`$arg_id`, `$http_user_agent`, `$upstream_http_server`, …). The
 * bare prefix is a valid name too (`$arg_` is the argument with the empty name).
 */
export const PREFIX_VARIABLES: readonly string[] = [
  "http_", "sent_http_", "sent_trailer_", "cookie_", "arg_",
  "upstream_http_", "upstream_trailer_", "upstream_cookie_",
];

/**
 * The built-ins a conf may assign with `set` (nginx's NGX_HTTP_VAR_CHANGEABLE): assigning
 * `$args` changes the request's arguments, `$limit_rate` its rate; `$proxy_host` and
 * `$proxy_port` are plain per-request values the proxy module fills in. Every other built-in
 * is read-only: `set $uri x` is `the duplicate "uri" variable` (checked for each name).
 */
export const CHANGEABLE_BUILTIN_VARIABLES: ReadonlySet<string> = new Set([
  "args", "limit_rate", "proxy_host", "proxy_port",
]);
