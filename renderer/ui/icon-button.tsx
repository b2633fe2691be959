import type { ReactElement } from "react";
import { Icon, type IconName } from "./icons";

/** A square toolbar button showing an icon; `label` is its accessible name and tooltip. */
export function IconButton(props: {
  icon: IconName;
  label: string;
  onClick: () => void;
  testId?: string;
}): ReactElement {
  return (
    <button
      type="button"
      className="icon-button"
      aria-label={props.label}
      title={props.label}
      data-testid={props.testId}
      onClick={(event) => {
        event.stopPropagation();
        props.onClick();
      }}
    >
      <Icon name={props.icon} />
    </button>
  );
}
