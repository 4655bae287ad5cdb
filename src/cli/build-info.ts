/**
 * What `tsresty -v` / `-V` report. Tools that read `nginx -V` look at the configure line for
 * `--without-<module>` flags, so it lists the nginx modules tsresty does not implement.
 */
import { readFileSync } from "node:fs";

export const NGINX_COMPAT_VERSION = "1.22.1";

/** Read from package.json, found upwards from wherever the compiled or bundled file sits. */
function packageVersion(): string {
  for (const rel of ["../package.json", "../../package.json", "../../../package.json"]) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(rel, import.meta.url), "utf8")) as { name?: string; version?: string };
      if (pkg.name === "tsresty" && pkg.version !== undefined) return pkg.version;
    } catch {
      // Not at this level.
    }
  }
  return "0.0.0";
}

export const TSRESTY_VERSION = packageVersion();

/** nginx http modules that tsresty does not provide (its configure line says `--without-…`). */
export const MODULES_NOT_IMPLEMENTED: readonly string[] = [
  "http_charset_module",
  "http_gzip_module",
  "http_ssi_module",
  "http_userid_module",
  "http_autoindex_module",
  "http_auth_basic_module",
  "http_mirror_module",
  "http_geo_module",
  "http_map_module",
  "http_split_clients_module",
  "http_referer_module",
  "http_fastcgi_module",
  "http_uwsgi_module",
  "http_scgi_module",
  "http_grpc_module",
  "http_memcached_module",
  "http_limit_conn_module",
  "http_limit_req_module",
  "http_empty_gif_module",
  "http_browser_module",
  "http_upstream_hash_module",
  "http_upstream_ip_hash_module",
  "http_upstream_least_conn_module",
  "http_upstream_random_module",
  "http_upstream_zone_module",
  "http-cache",
  "mail_pop3_module",
  "mail_imap_module",
  "mail_smtp_module",
  "stream_limit_conn_module",
];

export function versionLine(): string {
  return `tsresty version: tsresty/${TSRESTY_VERSION} (nginx/${NGINX_COMPAT_VERSION} conf language)`;
}

export function configureLines(): string[] {
  return [
    `built with Node.js ${process.version}`,
    `configure arguments: ${MODULES_NOT_IMPLEMENTED.map((m) => `--without-${m}`).join(" ")}`,
  ];
}
