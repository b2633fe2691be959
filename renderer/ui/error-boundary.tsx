import { Component, type ErrorInfo, type ReactNode } from "react";

interface Props {
  /** What failed, for the message ("Preview", "Panel", …). */
  part: string;
  children: ReactNode;
}

interface State {
  error: Error | null;
}

/**
 * Keeps a failure inside one part of the workbench: the part shows what went wrong and a retry
 * button, and the rest of the Studio (with its unsaved editors) stays up.
 */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(`${this.props.part} failed`, error, info.componentStack);
  }

  override render(): ReactNode {
    if (!this.state.error) return this.props.children;
    return (
      <div className="part-error" role="alert" data-testid="part-error">
        <p className="part-error-title">{this.props.part} stopped working</p>
        <p className="part-error-message">{this.state.error.message}</p>
        <button type="button" className="btn" onClick={() => this.setState({ error: null })}>
          Try again
        </button>
      </div>
    );
  }
}
