import { useState, type FormEvent, type ReactElement } from "react";
import { errorMessage } from "../../api/client";
import { useStore } from "../../state/use-store";
import { invalidNameReason } from "../../state/workspace";
import { useStudio } from "../../studio-context";
import { Icon } from "../../ui/icons";

function NewProjectForm(): ReactElement {
  const studio = useStudio();
  const { starters, info } = useStore(studio.workspace.state);
  const [starter, setStarter] = useState<string | null>(null);
  const [name, setName] = useState("my-app");
  const [folder, setFolder] = useState("");
  /** The last failure, and whether it is about the name (checked here) or the folder (the host's answer). */
  const [error, setError] = useState<{ message: string; field: "name" | "folder" } | null>(null);
  const [busy, setBusy] = useState(false);
  const chosen = starter ?? starters[0]?.id ?? null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const invalid = invalidNameReason(name) ?? (name.includes("/") ? "A project name cannot contain /." : undefined);
    if (invalid) return setError({ message: invalid, field: "name" });
    if (!chosen) return setError({ message: "No starter is available.", field: "folder" });
    setBusy(true);
    setError(null);
    try {
      await studio.workspace.createProject(chosen, name.trim(), folder.trim() || undefined);
    } catch (failure) {
      setError({ message: errorMessage(failure), field: "folder" });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="welcome-card" aria-labelledby="new-project-title" onSubmit={submit} data-testid="new-project-form">
      <h2 id="new-project-title" className="welcome-card-title">
        New project
      </h2>
      <div className="starter-list" role="radiogroup" aria-label="Starter">
        {starters.map((item) => (
          <label key={item.id} className={`starter ${chosen === item.id ? "is-selected" : ""}`} data-testid={`starter-${item.id}`}>
            <input type="radio" name="starter" value={item.id} checked={chosen === item.id} onChange={() => setStarter(item.id)} />
            <span className="starter-title">{item.title}</span>
            <span className="starter-description">{item.description}</span>
          </label>
        ))}
      </div>
      <label className="field">
        <span className="field-label">Project name</span>
        <input
          className="input"
          value={name}
          aria-invalid={error?.field === "name"}
          aria-describedby={error?.field === "name" ? "new-project-error" : undefined}
          onChange={(event) => setName(event.target.value)}
          data-testid="project-name"
        />
      </label>
      <label className="field">
        <span className="field-label">Create in folder</span>
        <input
          className="input"
          value={folder}
          placeholder={info?.defaultProjectsDir ?? ""}
          aria-invalid={error?.field === "folder"}
          aria-describedby={error?.field === "folder" ? "new-project-error" : undefined}
          onChange={(event) => setFolder(event.target.value)}
          data-testid="project-folder"
        />
      </label>
      {error && (
        <p id="new-project-error" className="field-error" role="alert">
          {error.message}
        </p>
      )}
      <button type="submit" className="btn btn-primary" disabled={busy} data-testid="create-project">
        {busy ? "Creating…" : "Create project"}
      </button>
    </form>
  );
}

function OpenFolderForm(): ReactElement {
  const studio = useStudio();
  const mode = useStore(studio.workspace.state, (state) => state.info?.mode);
  const [dir, setDir] = useState("");
  const [error, setError] = useState<string | null>(null);
  const open = async (target: string) => {
    setError(null);
    try {
      await studio.workspace.openProject(target);
    } catch (failure) {
      setError(errorMessage(failure));
    }
  };
  return (
    <form
      className="welcome-card"
      aria-labelledby="open-folder-title"
      data-testid="open-folder-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (dir.trim() === "") return setError("Enter the absolute path of a folder.");
        void open(dir.trim());
      }}
    >
      <h2 id="open-folder-title" className="welcome-card-title">
        Open folder
      </h2>
      {mode === "electron" && (
        <button
          type="button"
          className="btn"
          onClick={() => void studio.attempt(() => studio.commands.execute("file.openFolder", studio.commandContext()))}
        >
          Browse…
        </button>
      )}
      <label className="field">
        <span className="field-label">Folder path</span>
        <input
          className="input"
          value={dir}
          placeholder="/home/me/projects/my-app"
          aria-invalid={error !== null}
          aria-describedby={error ? "open-folder-error" : undefined}
          onChange={(event) => setDir(event.target.value)}
          data-testid="open-folder-path"
        />
      </label>
      {error && (
        <p id="open-folder-error" className="field-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="btn" data-testid="open-folder">
        Open
      </button>
    </form>
  );
}

function RecentProjects(): ReactElement {
  const studio = useStudio();
  const recent = useStore(studio.workspace.state, (state) => state.recent);
  return (
    <section className="welcome-card" aria-labelledby="recent-title">
      <h2 id="recent-title" className="welcome-card-title">
        Recent
      </h2>
      {recent.length === 0 ? (
        <p className="view-message">Projects you open show here.</p>
      ) : (
        <ul className="recent-list" data-testid="recent-projects">
          {recent.map((project) => (
            <li key={project.dir} className="recent-item">
              <button
                type="button"
                className="recent-open"
                disabled={!project.exists}
                title={project.exists ? project.dir : `${project.dir} (missing)`}
                onClick={() => void studio.attempt(() => studio.workspace.openProject(project.dir))}
              >
                <span className="recent-name">{project.name}</span>
                <span className="recent-dir">{project.exists ? <bdi>{project.dir}</bdi> : "folder missing"}</span>
              </button>
              <button
                type="button"
                className="icon-button"
                aria-label={`Remove ${project.name} from recent projects`}
                title="Remove from the list"
                onClick={() => void studio.attempt(() => studio.workspace.forgetRecent(project.dir))}
              >
                <Icon name="close" size={14} />
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** What the Studio shows with no project open: create one from a starter, open a folder, or reopen one. */
export function Welcome(): ReactElement {
  return (
    <main className="welcome" data-testid="welcome">
      <header className="welcome-header">
        <span className="welcome-logo">
          <Icon name="flask" size={36} />
        </span>
        <div>
          <h1 className="welcome-title">Vial Studio</h1>
          <p className="welcome-subtitle">Build web apps the Flask way, in TypeScript.</p>
        </div>
      </header>
      <div className="welcome-grid">
        <NewProjectForm />
        <div className="welcome-column">
          <OpenFolderForm />
          <RecentProjects />
        </div>
      </div>
    </main>
  );
}
