/**
 * The only error shape that crosses IPC and HTTP. Every failure inside the host becomes one of these,
 * so the renderer can branch on `code` and show `message` to the user as is.
 */

/** What went wrong, as a stable identifier the renderer can branch on. */
export type HostErrorCode =
  /** The request did not match the method's shape (wrong types, missing fields, bad path string). */
  | "bad-request"
  /** No such method in the contract. */
  | "unknown-method"
  /** The method needs an open project and none is open. */
  | "no-project"
  /** A path resolves outside the open project (`..`, absolute, a symlink pointing out). */
  | "outside-project"
  | "not-found"
  | "exists"
  /** The file changed on disk since the Studio read it; `detail` is {@link ConflictDetail}. */
  | "conflict"
  | "not-a-directory"
  | "is-a-directory"
  | "not-empty"
  | "permission-denied"
  /** The file is larger than the editor opens; `detail` is `{ size, limit }`. */
  | "too-large"
  /** The method exists but not in this mode (for example a native dialog in browser mode). */
  | "unsupported"
  /** Browser mode: the request carried no valid token. */
  | "unauthorized"
  /** A bug or an unexpected IO failure; `message` says what failed. */
  | "internal";

/**
 * A failure as the renderer sees it.
 *
 * @example
 * const error: HostError = { code: "not-found", message: "No file at src/app.ts" };
 */
export interface HostError {
  code: HostErrorCode;
  message: string;
  detail?: unknown;
}

/** `detail` of a `conflict` error: what is on disk now. */
export interface ConflictDetail {
  path: string;
  /** Modification time on disk now; `null` when the file was deleted. */
  mtimeMs: number | null;
}

/**
 * Thrown inside the host to fail a request with a specific {@link HostError}.
 *
 * @example
 * throw new HostFailure("no-project", "Open a project first.");
 */
export class HostFailure extends Error {
  readonly code: HostErrorCode;
  readonly detail: unknown;

  constructor(code: HostErrorCode, message: string, detail?: unknown) {
    super(message);
    this.name = "HostFailure";
    this.code = code;
    this.detail = detail;
  }
}

const errnoCodes: Record<string, HostErrorCode> = {
  ENOENT: "not-found",
  EEXIST: "exists",
  ENOTDIR: "not-a-directory",
  EISDIR: "is-a-directory",
  ENOTEMPTY: "not-empty",
  EACCES: "permission-denied",
  EPERM: "permission-denied",
  EROFS: "permission-denied",
  ENAMETOOLONG: "bad-request",
  EINVAL: "bad-request",
  ELOOP: "bad-request",
};

/**
 * Turns anything thrown into a {@link HostError}: a {@link HostFailure} keeps its code, a Node IO
 * error maps by `errno` code, anything else becomes `internal`.
 *
 * @example
 * try { await run(); } catch (e) { reply({ ok: false, error: toHostError(e) }); }
 */
export function toHostError(thrown: unknown): HostError {
  if (thrown instanceof HostFailure) {
    return thrown.detail === undefined
      ? { code: thrown.code, message: thrown.message }
      : { code: thrown.code, message: thrown.message, detail: thrown.detail };
  }
  if (thrown instanceof Error) {
    const errno: unknown = (thrown as { code?: unknown }).code;
    const code = typeof errno === "string" ? errnoCodes[errno] : undefined;
    return { code: code ?? "internal", message: thrown.message };
  }
  return { code: "internal", message: String(thrown) };
}
