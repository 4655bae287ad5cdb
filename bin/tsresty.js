#!/usr/bin/env node
// The CLI runs as compiled JavaScript: its start-up time is part of every measurement.
import { main } from "../dist/bundle/main.js";

const code = await main(process.argv.slice(2));
// Exit now: a stopped server may leave idle handles (timers, stdio) that would keep Node alive.
process.exit(code);
