/**
 * One file of an export: where it goes (a POSIX path relative to the destination) and either its text or
 * the file on this machine to copy byte for byte.
 */
export type ExportFile = { path: string; content: string } | { path: string; copyFrom: string };
