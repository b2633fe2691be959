/**
 * Raised when a signature does not match (tampered data or a different key).
 *
 * @example
 * ```ts
 * try { await signer.unsign(value); } catch (e) { if (e instanceof BadSignature) return undefined; }
 * ```
 */
export class BadSignature extends Error {
  constructor(message = "Signature does not match") {
    super(message);
    this.name = "BadSignature";
  }
}

/**
 * Raised when a timestamped signature is valid but older than `maxAge`.
 *
 * @example
 * ```ts
 * try { await signer.unsign(value, 60); } catch (e) { if (e instanceof SignatureExpired) askToLogIn(); }
 * ```
 */
export class SignatureExpired extends BadSignature {
  constructor(message: string) {
    super(message);
    this.name = "SignatureExpired";
  }
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();
type HmacKey = Awaited<ReturnType<typeof crypto.subtle.importKey>>;

const keyCache = new Map<string, Promise<HmacKey>>();

/**
 * Base64url without padding, as itsdangerous writes it.
 *
 * @example
 * ```ts
 * base64urlEncode(new TextEncoder().encode("hi")); // "aGk"
 * ```
 */
export function base64urlEncode(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/**
 * Decodes base64url; throws `BadSignature` on characters outside the alphabet.
 *
 * @example
 * ```ts
 * new TextDecoder().decode(base64urlDecode("aGk")); // "hi"
 * ```
 */
export function base64urlDecode(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new BadSignature("invalid base64 in signed value");
  let binary: string;
  try {
    binary = atob(text.replace(/-/g, "+").replace(/_/g, "/") + "=".repeat((4 - (text.length % 4)) % 4));
  } catch {
    throw new BadSignature("invalid base64 in signed value");
  }
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

// itsdangerous' "hmac" key derivation: the signing key is HMAC(secret, salt), so one secret can serve
// several purposes (salts) without a signature for one being valid for another.
function deriveKey(secret: string, salt: string): Promise<HmacKey> {
  const id = `${salt}\u0000${secret}`;
  let key = keyCache.get(id);
  if (key === undefined) {
    key = (async () => {
      const base = await crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
      const derived = await crypto.subtle.sign("HMAC", base, encoder.encode(salt));
      return crypto.subtle.importKey("raw", derived, { name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]);
    })();
    keyCache.set(id, key);
  }
  return key;
}

/**
 * HMAC-SHA256 signatures appended to a value with `.` (the itsdangerous `Signer` role), using Web Crypto.
 * The first key signs; every key (for rotation) is tried when verifying.
 *
 * @example
 * ```ts
 * const signer = new Signer(["new-secret", "old-secret"], { salt: "email-confirm" });
 * const token = await signer.sign("user@example.com");
 * await signer.unsign(token); // "user@example.com"
 * ```
 */
export class Signer {
  readonly secrets: string[];
  readonly salt: string;

  constructor(secret: string | string[], options: { salt?: string } = {}) {
    this.secrets = Array.isArray(secret) ? secret : [secret];
    if (this.secrets.length === 0 || this.secrets.some((s) => typeof s !== "string" || s === "")) throw new Error("a Signer needs a non-empty secret key");
    this.salt = options.salt ?? "itsdangerous.Signer";
  }

  async signature(value: string): Promise<string> {
    const key = await deriveKey(this.secrets[0] as string, this.salt);
    return base64urlEncode(new Uint8Array(await crypto.subtle.sign("HMAC", key, encoder.encode(value))));
  }

  async sign(value: string): Promise<string> {
    return `${value}.${await this.signature(value)}`;
  }

  /** The value if some key's signature matches, else throws `BadSignature`. */
  async unsign(signed: string): Promise<string> {
    const dot = signed.lastIndexOf(".");
    if (dot === -1) throw new BadSignature("No '.' found in value");
    const value = signed.slice(0, dot);
    const signature = base64urlDecode(signed.slice(dot + 1));
    for (const secret of this.secrets) {
      const key = await deriveKey(secret, this.salt);
      if (await crypto.subtle.verify("HMAC", key, signature as Uint8Array<ArrayBuffer>, encoder.encode(value))) return value;
    }
    throw new BadSignature(`Signature does not match`);
  }
}

/**
 * A `Signer` that also signs the time (seconds), so `unsign` can reject values older than `maxAge`.
 *
 * @example
 * ```ts
 * const signer = new TimestampSigner("secret");
 * const token = await signer.sign("42");
 * await signer.unsign(token, 3600); // { value: "42", timestamp: Date }
 * ```
 */
export class TimestampSigner extends Signer {
  /** Seconds since the epoch; tests replace it to travel in time. */
  now: () => number = () => Math.floor(Date.now() / 1000);

  override async sign(value: string): Promise<string> {
    return super.sign(`${value}.${encodeInt(this.now())}`);
  }

  /** Verifies and checks the age; throws `BadSignature` or `SignatureExpired`. */
  async unsignTimed(signed: string, maxAge?: number): Promise<{ value: string; timestamp: Date }> {
    const stamped = await super.unsign(signed);
    const dot = stamped.lastIndexOf(".");
    if (dot === -1) throw new BadSignature("timestamp missing");
    const seconds = decodeInt(stamped.slice(dot + 1));
    const age = this.now() - seconds;
    if (maxAge !== undefined && age > maxAge) throw new SignatureExpired(`Signature age ${age} > ${maxAge} seconds`);
    if (age < -300) throw new SignatureExpired(`Signature age ${age} < 0 seconds`);
    return { value: stamped.slice(0, dot), timestamp: new Date(seconds * 1000) };
  }
}

function encodeInt(value: number): string {
  const bytes: number[] = [];
  let n = value;
  while (n > 0) {
    bytes.unshift(n % 256);
    n = Math.floor(n / 256);
  }
  return base64urlEncode(new Uint8Array(bytes));
}

function decodeInt(text: string): number {
  let n = 0;
  for (const byte of base64urlDecode(text)) n = n * 256 + byte;
  return n;
}

/**
 * Signs JSON-serialisable data with a timestamp (itsdangerous' `URLSafeTimedSerializer`): the payload is
 * base64url JSON, so the result is safe in cookies and URLs.
 *
 * @example
 * ```ts
 * const s = new URLSafeTimedSerializer(app.config.SECRET_KEY!, { salt: "reset-password" });
 * const token = await s.dumps({ user: 7 });
 * await s.loads(token, 3600); // { user: 7 }
 * ```
 */
export class URLSafeTimedSerializer {
  readonly signer: TimestampSigner;

  constructor(secret: string | string[], options: { salt?: string } = {}) {
    this.signer = new TimestampSigner(secret, { salt: options.salt ?? "itsdangerous" });
  }

  async dumps(value: unknown): Promise<string> {
    return this.signer.sign(base64urlEncode(encoder.encode(JSON.stringify(value))));
  }

  async loads(token: string, maxAge?: number): Promise<unknown> {
    const { value } = await this.signer.unsignTimed(token, maxAge);
    try {
      return JSON.parse(decoder.decode(base64urlDecode(value)));
    } catch {
      throw new BadSignature("the signed payload is not valid JSON");
    }
  }
}
