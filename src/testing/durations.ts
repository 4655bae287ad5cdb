// Delays and timeouts in sections are seconds, as in Test::Nginx ("0.1"); "100ms" and "2s" are
// accepted too because they read better.

export function parseSeconds(text: string): number | undefined {
  const m = /^\s*([0-9]*\.?[0-9]+)\s*(ms|s)?\s*$/.exec(text);
  if (!m) return undefined;
  const n = Number(m[1]);
  return m[2] === "ms" ? n / 1000 : n;
}
