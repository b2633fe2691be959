import { useEffect, useRef, useState, type FormEvent, type ReactElement } from "react";
import { StudioError } from "../../api/client";
import { useStudio } from "../../studio-context";
import { useStore } from "../../state/use-store";
import { Icon } from "../../ui/icons";
import { appHostStoreFor } from "./app-host-store";
import { ErrorOverlay } from "./error-overlay";
import { FrameSurface } from "./frame-surface";
import { NativeSurface } from "./native-surface";
import { originLocation, type InspectReport } from "./inspect-messages";
import { back, canGoBack, canGoForward, currentPath, forward, framePath, initialHistory, normalizePath, visit, type PreviewHistory } from "./history";
import { openLocation } from "./open-location";
import "./preview.css";

type Device = "desktop" | "tablet" | "phone";

const deviceWidths: Record<Device, string> = { desktop: "100%", tablet: "768px", phone: "375px" };
const deviceLabels: Record<Device, string> = { desktop: "Desktop", tablet: "Tablet", phone: "Phone" };

/**
 * The built-in browser: the running app with an address bar, back/forward/reload, "open in
 * browser", a device-width switcher and an error overlay. It reloads itself after each restart
 * (and after each template or static change), keeping the current path.
 */
export function PreviewPane(): ReactElement {
  const studio = useStudio();
  const appHost = appHostStoreFor(studio.client);
  const status = useStore(appHost.state, (state) => state.status);
  const mode = useStore(appHost.state, (state) => state.mode);
  const [history, setHistory] = useState<PreviewHistory>(initialHistory);
  const [seq, setSeq] = useState(0);
  const [address, setAddress] = useState("/");
  const [device, setDevice] = useState<Device>("desktop");
  const [dismissed, setDismissed] = useState<number | null>(null);
  const [inspecting, setInspecting] = useState(false);
  const [inspected, setInspected] = useState<string | null>(null);
  const path = currentPath(history);

  useEffect(() => setAddress(path), [path]);

  useEffect(() => {
    if (status.error === null) setSeq((n) => n + 1);
  }, [status.revision, status.error]);

  // When the user last navigated (address, back, forward): page loads begun before it are old news.
  const navigatedAt = useRef(0);
  useEffect(
    () =>
      studio.client.on("appHost.request", (entry) => {
        const visited = framePath(entry, navigatedAt.current);
        if (visited !== undefined) setHistory((previous) => visit(previous, visited));
      }),
    [studio.client],
  );

  const go = (next: PreviewHistory): void => {
    navigatedAt.current = Date.now();
    setHistory(next);
    setSeq((n) => n + 1);
  };

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    go(visit(history, normalizePath(address)));
  };

  const openExternal = (): void => {
    if (status.url === null) return;
    const url = status.url + path;
    studio.client.invoke("shell.openExternal", { url }).catch((error: unknown) => {
      if (error instanceof StudioError && error.code === "unsupported") window.open(url, "_blank", "noopener,noreferrer");
      else studio.notifications.error(error instanceof Error ? error.message : String(error));
    });
  };

  useEffect(() => {
    if (!inspecting) return;
    // Escape inside the page reaches the page's inspector; here it covers focus anywhere in the Studio.
    const onKey = (event: KeyboardEvent): void => {
      if (event.key !== "Escape") return;
      setInspecting(false);
      setInspected(null);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [inspecting]);

  const toggleInspect = (): void => {
    setInspecting((on) => !on);
    setInspected(null);
  };

  const onInspect = (report: InspectReport): void => {
    if (report.kind === "hover") {
      setInspected(report.source);
      return;
    }
    setInspecting(false);
    setInspected(null);
    if (report.source === null) return;
    const location = originLocation(report.source);
    if (location === undefined) studio.notifications.error(`The preview named ${report.source}, which is not a file of this project.`);
    else void studio.attempt(() => openLocation(studio, location));
  };

  const problem = status.error !== null && status.error.id !== dismissed ? status.error : null;

  return (
    <section className="preview" aria-label="Preview" data-testid="preview">
      <form className="preview-toolbar" onSubmit={submit}>
        <button type="button" className="preview-button" aria-label="Back" title="Back" data-testid="preview-back" disabled={!canGoBack(history)} onClick={() => go(back(history))}>
          ←
        </button>
        <button type="button" className="preview-button" aria-label="Forward" title="Forward" data-testid="preview-forward" disabled={!canGoForward(history)} onClick={() => go(forward(history))}>
          →
        </button>
        <button type="button" className="preview-button" aria-label="Reload" title="Reload" data-testid="preview-reload" onClick={() => setSeq((n) => n + 1)}>
          ⟳
        </button>
        <input
          className="preview-address"
          aria-label="Address"
          data-testid="preview-address"
          spellCheck={false}
          value={address}
          onChange={(event) => setAddress(event.target.value)}
        />
        <div className="preview-devices" role="group" aria-label="Device width">
          {(Object.keys(deviceWidths) as Device[]).map((name) => (
            <button
              key={name}
              type="button"
              className="preview-button preview-device"
              aria-pressed={device === name}
              data-testid={`preview-device-${name}`}
              onClick={() => setDevice(name)}
            >
              {deviceLabels[name]}
            </button>
          ))}
        </div>
        <button
          type="button"
          className="preview-button"
          aria-label="Inspect"
          title="Inspect: point at the page to see which template line wrote it, click to open that line"
          aria-pressed={inspecting}
          data-testid="preview-inspect"
          disabled={status.url === null}
          onClick={toggleInspect}
        >
          <Icon name="inspect" />
        </button>
        <button type="button" className="preview-button" aria-label="Open in browser" title="Open in browser" data-testid="preview-open-external" disabled={status.url === null} onClick={openExternal}>
          ↗
        </button>
      </form>
      {inspecting && (
        <div className="preview-inspect-bar" data-testid="preview-inspect-source">
          {inspected ?? "Point at the page to find the template line that wrote it; click to open it, Esc to stop."}
        </div>
      )}
      <div className="preview-stage">
        <div className="preview-viewport" style={{ width: deviceWidths[device] }} data-device={device} data-testid="preview-viewport">
          {status.url !== null && mode === "electron" ? (
            <NativeSurface client={studio.client} src={status.url + path} seq={seq} hidden={problem !== null} inspecting={inspecting} onInspect={onInspect} />
          ) : status.url !== null ? (
            <FrameSurface src={status.url + path} seq={seq} inspecting={inspecting} onInspect={onInspect} />
          ) : (
            <div className="preview-empty" data-testid="preview-empty">
              {status.state === "starting" ? (
                <p>Starting the app…</p>
              ) : status.state === "stopped" ? (
                <>
                  <p>The app is not running.</p>
                  <button type="button" className="preview-start" onClick={() => void studio.attempt(() => appHost.start())}>
                    Start the app
                  </button>
                </>
              ) : (
                <p>The app stopped on an error (see Problems). Fix it and save to start it again.</p>
              )}
            </div>
          )}
        </div>
        {problem && (
          <ErrorOverlay
            problem={problem}
            onDismiss={() => {
              // The page behind a fault (a request that hung, say) is stale: show it afresh.
              setDismissed(problem.id);
              setSeq((n) => n + 1);
            }}
            onOpenLocation={() => {
              const location = problem.location;
              if (location) void studio.attempt(() => openLocation(studio, location));
            }}
          />
        )}
      </div>
    </section>
  );
}
