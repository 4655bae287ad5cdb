#!/usr/bin/env node
// The CLI runs as compiled JavaScript: its start-up time is part of every measurement.
import { main } from "../dist/cli/main.js";

process.exitCode = await main(process.argv.slice(2));
