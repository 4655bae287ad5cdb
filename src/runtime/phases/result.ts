/**
 * What a phase handler tells the phase runner, as nginx's handler return codes do:
 * go on to the next handler, the response is done, finish with a status (error pages and
 * special responses), or restart the request with a new URI or a named location.
 */
export type PhaseResult =
  | { readonly kind: "next" }
  | { readonly kind: "done" }
  | { readonly kind: "status"; readonly status: number }
  /** An internal redirect (`ngx_http_internal_redirect`): server rewrites and location search again. */
  | { readonly kind: "redirect"; readonly uri: string; readonly args: string }
  /** A named location (`ngx_http_named_location`): its rewrite phase and on. */
  | { readonly kind: "named"; readonly name: string };

export const NEXT: PhaseResult = { kind: "next" };
export const DONE: PhaseResult = { kind: "done" };

export function status(code: number): PhaseResult {
  return { kind: "status", status: code };
}
