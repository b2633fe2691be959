import { useState, type ReactElement } from "react";
import type { Settings, ThemePreference } from "../../../electron/api/contract";
import { useStore } from "../../state/use-store";
import { useStudio } from "../../studio-context";

const THEMES: { id: ThemePreference; label: string }[] = [
  { id: "system", label: "Follow the system" },
  { id: "light", label: "Light" },
  { id: "dark", label: "Dark" },
];

/**
 * A number field that saves only whole numbers in range, so typing "14" does not pass through a clamped
 * "1". While the text is not one, a message under the field says so and which value the editor keeps;
 * leaving the field shows the saved value again.
 */
function NumberSetting(props: { label: string; value: number; min: number; max: number; testId: string; onSave: (value: number) => void }) {
  const [draft, setDraft] = useState<string | null>(null);
  const inRange = (text: string) => text.trim() !== "" && Number.isInteger(Number(text)) && Number(text) >= props.min && Number(text) <= props.max;
  const invalid = draft !== null && !inRange(draft);
  const messageId = `${props.testId}-problem`;
  return (
    <label className="field">
      <span className="field-label">
        {props.label} ({props.min}–{props.max})
      </span>
      <input
        className="input"
        type="number"
        min={props.min}
        max={props.max}
        value={draft ?? String(props.value)}
        aria-invalid={invalid}
        aria-describedby={invalid ? messageId : undefined}
        data-testid={props.testId}
        onChange={(event) => {
          setDraft(event.target.value);
          if (inRange(event.target.value)) props.onSave(Number(event.target.value));
        }}
        onBlur={() => setDraft(null)}
      />
      {invalid && (
        <span id={messageId} className="field-error" role="alert">
          Use a whole number from {props.min} to {props.max}; {props.value} stays until then.
        </span>
      )}
    </label>
  );
}

/** The Settings side-bar view: theme and editor preferences, saved by the host as they change. */
export function SettingsView(): ReactElement {
  const studio = useStudio();
  const settings = useStore(studio.settings.settings);
  const update = (change: Partial<Settings>) => void studio.attempt(() => studio.settings.update(change));
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
      <NumberSetting
        label="Editor font size"
        value={settings.fontSize}
        min={8}
        max={40}
        testId="settings-font-size"
        onSave={(fontSize) => update({ fontSize })}
      />
      <NumberSetting label="Tab size" value={settings.tabSize} min={1} max={8} testId="settings-tab-size" onSave={(tabSize) => update({ tabSize })} />
      <label className="settings-choice">
        <input type="checkbox" checked={settings.wordWrap} onChange={(event) => update({ wordWrap: event.target.checked })} data-testid="settings-word-wrap" />
        Wrap long lines
      </label>
    </form>
  );
}
