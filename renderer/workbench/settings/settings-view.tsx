import type { ReactElement } from "react";
import type { Settings, ThemePreference } from "../../../electron/api/contract";
import { useStore } from "../../state/use-store";
import { useStudio } from "../../studio-context";

const THEMES: { id: ThemePreference; label: string }[] = [
  { id: "system", label: "Follow the system" },
  { id: "light", label: "Light" },
  { id: "dark", label: "Dark" },
];

/** The Settings side-bar view: theme and editor preferences, saved by the host as they change. */
export function SettingsView(): ReactElement {
  const studio = useStudio();
  const settings = useStore(studio.settings.settings);
  const update = (change: Partial<Settings>) => void studio.attempt(() => studio.settings.update(change));
  const number = (value: string, fallback: number) => (Number.isFinite(Number(value)) && value !== "" ? Number(value) : fallback);
  return (
    <form className="settings-view" data-testid="settings-view" onSubmit={(event) => event.preventDefault()}>
      <fieldset className="settings-group">
        <legend className="field-label">Theme</legend>
        {THEMES.map((theme) => (
          <label key={theme.id} className="settings-choice">
            <input
              type="radio"
              name="theme"
              value={theme.id}
              checked={settings.theme === theme.id}
              onChange={() => update({ theme: theme.id })}
              data-testid={`settings-theme-${theme.id}`}
            />
            {theme.label}
          </label>
        ))}
      </fieldset>
      <label className="field">
        <span className="field-label">Editor font size (8–40)</span>
        <input
          className="input"
          type="number"
          min={8}
          max={40}
          value={settings.fontSize}
          onChange={(event) => update({ fontSize: Math.min(40, Math.max(8, number(event.target.value, settings.fontSize))) })}
          data-testid="settings-font-size"
        />
      </label>
      <label className="field">
        <span className="field-label">Tab size (1–8)</span>
        <input
          className="input"
          type="number"
          min={1}
          max={8}
          value={settings.tabSize}
          onChange={(event) => update({ tabSize: Math.min(8, Math.max(1, number(event.target.value, settings.tabSize))) })}
          data-testid="settings-tab-size"
        />
      </label>
      <label className="settings-choice">
        <input type="checkbox" checked={settings.wordWrap} onChange={(event) => update({ wordWrap: event.target.checked })} data-testid="settings-word-wrap" />
        Wrap long lines
      </label>
    </form>
  );
}
