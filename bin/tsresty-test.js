#!/usr/bin/env node
// The `.t` spec runner's TAP command; the runner itself is compiled TypeScript in dist/testing.
import { main } from "../dist/testing/tap-cli.js";

process.exitCode = await main(process.argv.slice(2));
