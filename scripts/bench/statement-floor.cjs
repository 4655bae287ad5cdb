// The least a Node.js program can do with a conf before checking anything: start, read the
// file, split it into statements and nest the blocks. bench-conf.mjs times it beside
// `tsresty -t` and `nginx -t` so that the ratio can be read against what Node itself costs on
// the machine. Quoted words end at their quote (no escapes), comments and the buffer rule are
// ignored: a floor, not a parser.
"use strict";
const { readFileSync } = require("node:fs");

const text = readFileSync(process.argv[2], "latin1");
const n = text.length;
const top = [];
const open = [top];
let words = [];
let line = 1;
let statements = 0;
for (let i = 0; i < n; ) {
  const c = text.charCodeAt(i);
  if (c === 0x0a) {
    line++;
    i++;
  } else if (c === 0x20 || c === 0x09 || c === 0x0d) {
    i++;
  } else if (c === 0x3b || c === 0x7b) {
    const statement = { name: words[0], args: words.slice(1), line, block: undefined };
    open[open.length - 1].push(statement);
    if (c === 0x7b) open.push((statement.block = []));
    words = [];
    statements++;
    i++;
  } else if (c === 0x7d) {
    open.pop();
    i++;
  } else if (c === 0x22 || c === 0x27) {
    const close = text.indexOf(text[i], i + 1);
    const end = close === -1 ? n : close;
    words.push(text.slice(i + 1, end));
    i = end + 1;
  } else {
    let j = i + 1;
    for (; j < n; j++) {
      const d = text.charCodeAt(j);
      if (d === 0x20 || d === 0x0a || d === 0x09 || d === 0x0d || d === 0x3b || d === 0x7b) break;
    }
    words.push(text.slice(i, j));
    i = j;
  }
}
if (open.length !== 1 || top.length === 0) process.exit(1);
process.stdout.write(`${statements}\n`);
