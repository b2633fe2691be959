import { describe, expect, it } from "vitest";
import * as vial from "./index.js";

describe("the public surface", () => {
  it("exports the names the issue promises", () => {
    const promised = [
      "Vial", "Blueprint", "MethodView", "View", "Response", "HTTPException", "request", "session", "g", "currentApp", "abort", "redirect",
      "urlFor", "flash", "getFlashedMessages", "jsonify", "makeResponse", "sendFile", "Config", "requestStarted", "requestFinished",
      "gotRequestException", "templateRendered",
    ];
    expect(promised.filter((name) => !(name in vial))).toEqual([]);
  });
});
