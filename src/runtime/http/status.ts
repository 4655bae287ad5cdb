/**
 * Status lines and the default error pages, as nginx sends them (`ngx_http_status_lines`,
 * `ngx_http_error_pages`). Pages end with the server's signature, like nginx's tail.
 */

const TEXTS: Record<number, string> = {
  100: "Continue",
  101: "Switching Protocols",
  200: "OK",
  201: "Created",
  202: "Accepted",
  204: "No Content",
  206: "Partial Content",
  301: "Moved Permanently",
  302: "Moved Temporarily",
  303: "See Other",
  304: "Not Modified",
  307: "Temporary Redirect",
  308: "Permanent Redirect",
  400: "Bad Request",
  401: "Unauthorized",
  402: "Payment Required",
  403: "Forbidden",
  404: "Not Found",
  405: "Not Allowed",
  406: "Not Acceptable",
  408: "Request Time-out",
  409: "Conflict",
  410: "Gone",
  411: "Length Required",
  412: "Precondition Failed",
  413: "Request Entity Too Large",
  414: "Request-URI Too Large",
  415: "Unsupported Media Type",
  416: "Requested Range Not Satisfiable",
  421: "Misdirected Request",
  429: "Too Many Requests",
  500: "Internal Server Error",
  501: "Not Implemented",
  502: "Bad Gateway",
  503: "Service Temporarily Unavailable",
  504: "Gateway Time-out",
  505: "HTTP Version Not Supported",
  507: "Insufficient Storage",
};

/** The status line text; nginx sends an empty one for codes it does not know (`HTTP/1.1 299 `). */
export function statusText(code: number): string {
  return TEXTS[code] ?? "";
}

/** Titles of the error pages where they differ from the status line. */
const PAGE_TITLES: Record<number, string> = {
  302: "302 Found",
  494: "400 Request Header Or Cookie Too Large",
  495: "400 The SSL certificate error",
  496: "400 No required SSL certificate was sent",
  497: "400 The plain HTTP request was sent to HTTPS port",
};

/** Codes nginx answers with a built-in page when nothing else produced a body. */
export function hasDefaultPage(code: number): boolean {
  return (code >= 301 && code <= 308 && code !== 304 && code !== 305 && code !== 306) ||
    (code >= 400 && code <= 599 && (TEXTS[code] !== undefined || code in PAGE_TITLES));
}

/** The page body; `signature` is e.g. `tsresty/0.1.0`, or `tsresty` with `server_tokens off`. */
export function defaultPage(code: number, signature: string): string {
  const title = PAGE_TITLES[code] ?? `${code} ${statusText(code)}`;
  return (
    `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n` +
    `<hr><center>${signature}</center>\r\n</body>\r\n</html>\r\n`
  );
}
