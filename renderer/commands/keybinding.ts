/** The parts of a keyboard event a keybinding looks at (a subset of DOM KeyboardEvent). */
export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

export type Platform = "mac" | "other";

interface Chord {
  key: string;
  ctrl: boolean;
  meta: boolean;
  shift: boolean;
  alt: boolean;
}

const MODIFIERS = new Set(["mod", "ctrl", "cmd", "meta", "shift", "alt"]);

/**
 * Parses "Mod+Shift+P" into a chord. `Mod` is Cmd on macOS and Ctrl elsewhere.
 * Throws on an empty key or an unknown modifier so a typo in a command table fails loudly.
 */
export function parseKeybinding(binding: string, platform: Platform): Chord {
  const parts = binding.split("+").map((part) => part.trim());
  const key = parts.pop();
  if (!key) throw new Error(`Keybinding "${binding}" has no key`);
  const chord: Chord = { key: key.toLowerCase(), ctrl: false, meta: false, shift: false, alt: false };
  for (const part of parts) {
    const modifier = part.toLowerCase();
    if (!MODIFIERS.has(modifier)) throw new Error(`Keybinding "${binding}" has an unknown modifier "${part}"`);
    if (modifier === "mod") {
      if (platform === "mac") chord.meta = true;
      else chord.ctrl = true;
    } else if (modifier === "ctrl") chord.ctrl = true;
    else if (modifier === "cmd" || modifier === "meta") chord.meta = true;
    else if (modifier === "shift") chord.shift = true;
    else chord.alt = true;
  }
  return chord;
}

/** True when the key press is exactly the binding (extra modifiers do not match). */
export function matchesKeybinding(binding: string, press: KeyPress, platform: Platform): boolean {
  const chord = parseKeybinding(binding, platform);
  return (
    press.key.toLowerCase() === chord.key &&
    press.ctrlKey === chord.ctrl &&
    press.metaKey === chord.meta &&
    press.shiftKey === chord.shift &&
    press.altKey === chord.alt
  );
}

/** How a binding reads in menus and the palette: "Ctrl+Shift+P" or "⇧⌘P". */
export function formatKeybinding(binding: string, platform: Platform): string {
  const chord = parseKeybinding(binding, platform);
  const key = chord.key.length === 1 ? chord.key.toUpperCase() : chord.key[0]!.toUpperCase() + chord.key.slice(1);
  if (platform === "mac") {
    return `${chord.ctrl ? "⌃" : ""}${chord.alt ? "⌥" : ""}${chord.shift ? "⇧" : ""}${chord.meta ? "⌘" : ""}${key}`;
  }
  const names = [chord.ctrl && "Ctrl", chord.meta && "Meta", chord.alt && "Alt", chord.shift && "Shift", key];
  return names.filter(Boolean).join("+");
}

/** Guesses the platform from the browser (navigator.platform is deprecated but still the most reliable). */
export function detectPlatform(nav: { platform?: string; userAgent: string } = navigator): Platform {
  return /mac|iphone|ipad/i.test(nav.platform || nav.userAgent) ? "mac" : "other";
}
