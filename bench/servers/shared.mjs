// What every Node server answers with, so no framework returns less than another.
import { readFileSync } from "node:fs";
import { join } from "node:path";

export const benchDir = join(import.meta.dirname, "..");
export const templatesDir = join(benchDir, "templates");
export const pageData = JSON.parse(readFileSync(join(benchDir, "fixtures/page.json"), "utf8"));
export const helloText = "Hello, World!";
export const helloJson = Object.freeze({ message: "Hello, World!" });
export const port = Number(process.env.PORT ?? 3000);
export const host = "127.0.0.1";

/** The body limit every server applies to POST /echo (the fixture is 1 KiB). */
export const echoLimit = 64 * 1024;

/** `/users/<int:id>/...`: digits only, as Flask's `int` converter; anything else is a 404. */
export const intParam = /^\d+$/;

// A clean exit on SIGTERM lets `node --cpu-prof` write its profile (bench/profile.mjs stops servers this way).
process.once("SIGTERM", () => process.exit(0));
