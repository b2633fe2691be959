import type { ReactElement } from "react";
import { ruleParts } from "./model";

/** The route's methods as small coloured badges. */
export function MethodBadges({ methods }: { methods: readonly string[] }): ReactElement {
  return (
    <span className="route-methods">
      {methods.map((method) => (
        <span key={method} className={`route-method route-method-${method.toLowerCase()}`} data-testid="route-method">
          {method}
        </span>
      ))}
    </span>
  );
}

/** A rule with its variables highlighted; the converter is in the tooltip. */
export function RuleText({ rule }: { rule: string }): ReactElement {
  return (
    <span className="route-rule" data-testid="route-rule">
      {ruleParts(rule).map((part, index) =>
        part.kind === "text" ? (
          <span key={index}>{part.text}</span>
        ) : (
          <span key={index} className="route-variable" title={`${part.name}: ${part.converter}`}>
            {part.text}
          </span>
        ),
      )}
    </span>
  );
}
