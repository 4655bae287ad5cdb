// The generated nginx.conf, in the exact layout of spec-format.md §4. Section text goes in
// verbatim: authors indent it themselves, and what they wrote is what the server parses.

export interface ConfInput {
  readonly servroot: string;
  readonly port: number;
  readonly workers: number;
  readonly masterProcess: boolean;
  readonly logLevel: string;
  readonly rootLocation: boolean;
  readonly serverName: string;
  readonly mainConfig: string;
  readonly httpConfig: string;
  readonly config: string;
  readonly postMainConfig: string;
}

export function writeConf(c: ConfInput): string {
  const logs = `${c.servroot}/logs`;
  const rootLocation = c.rootLocation
    ? `        location / {\n            root ${c.servroot}/html;\n            index index.html index.htm;\n        }\n`
    : "";
  return (
    `worker_processes  ${c.workers};\n` +
    `daemon off;\n` +
    `master_process ${c.masterProcess ? "on" : "off"};\n` +
    `error_log ${logs}/error.log ${c.logLevel};\n` +
    `pid       ${logs}/nginx.pid;\n` +
    block(c.mainConfig) +
    `events {\n    worker_connections  64;\n}\n\n` +
    `http {\n` +
    `    access_log ${logs}/access.log;\n` +
    `    default_type text/plain;\n` +
    `    keepalive_timeout  68;\n` +
    block(c.httpConfig) +
    `    server {\n` +
    `        listen          127.0.0.1:${c.port};\n` +
    `        server_name     ${c.serverName};\n` +
    `        client_max_body_size 30M;\n` +
    block(c.config) +
    rootLocation +
    `    }\n` +
    `}\n` +
    block(c.postMainConfig)
  );
}

/** A section's text on lines of its own. */
function block(text: string): string {
  if (text === "") return "";
  return text.endsWith("\n") ? text : text + "\n";
}
