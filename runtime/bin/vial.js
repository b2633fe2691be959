#!/usr/bin/env node
// The `vial` command. Plain JavaScript so it runs without a build step of its own; the CLI itself is
// compiled TypeScript in dist/.
import { main } from "../dist/cli/main.js";

const code = await main(process.argv.slice(2));
// A finished command exits even if the app module left timers or sockets open; `run` keeps serving.
if (code !== undefined) process.exit(code);
