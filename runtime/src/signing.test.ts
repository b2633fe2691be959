import { describe, expect, it } from "vitest";
import { BadSignature, SignatureExpired, Signer, TimestampSigner, URLSafeTimedSerializer } from "./signing.js";

describe("signing", () => {
  it("signs and verifies, refusing any change", async () => {
    const signer = new Signer("key");
    const signed = await signer.sign("hello");
    expect(signed.startsWith("hello.")).toBe(true);
    expect(await signer.unsign(signed)).toBe("hello");
    await expect(signer.unsign(signed.replace("hello", "hellO"))).rejects.toThrow(BadSignature);
    await expect(signer.unsign("no-dot")).rejects.toThrow(BadSignature);
    await expect(signer.unsign("hello.@@@")).rejects.toThrow(BadSignature);
    await expect(new Signer("other").unsign(signed)).rejects.toThrow(BadSignature);
    await expect(new Signer("key", { salt: "other-purpose" }).unsign(signed)).rejects.toThrow(BadSignature);
  });

  it("verifies with older keys but signs with the first", async () => {
    const old = await new Signer("old").sign("v");
    expect(await new Signer(["new", "old"]).unsign(old)).toBe("v");
    expect(await new Signer(["new", "old"]).sign("v")).toBe(await new Signer("new").sign("v"));
  });

  it("expires timestamped signatures", async () => {
    const signer = new TimestampSigner("key");
    signer.now = () => 1000;
    const signed = await signer.sign("v");
    signer.now = () => 1060;
    expect((await signer.unsignTimed(signed, 60)).value).toBe("v");
    signer.now = () => 1061;
    await expect(signer.unsignTimed(signed, 60)).rejects.toThrow(SignatureExpired);
  });

  it("round-trips JSON through URL-safe tokens", async () => {
    const serializer = new URLSafeTimedSerializer("key", { salt: "reset" });
    const token = await serializer.dumps({ user: 7, name: "Zoë" });
    expect(token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(await serializer.loads(token)).toEqual({ user: 7, name: "Zoë" });
  });

  it("refuses an empty secret", () => {
    expect(() => new Signer("")).toThrow(/non-empty secret/);
  });
});
