import { useState, type ReactElement } from "react";
import { IconButton } from "../../ui/icon-button";
import { attributeOf, labelOf, removeAttribute, setAttribute, setClasses, setExpression, setText, textOf, type OutlineNode, type TextEdit } from "./outline";
import { attributeNameError, classesError, expressionError, tagExpressionError, textError } from "./validate";

type Plan = (source: string, tree: OutlineNode) => TextEdit | TextEdit[] | undefined;

/** One editable value: applied on Enter (or the Apply button) when it passes its check. */
function Field(props: { label: string; testId: string; value: string; check: (value: string) => string | null; onApply: (value: string) => void }): ReactElement {
  const [value, setValue] = useState(props.value);
  const error = value === props.value ? null : props.check(value);
  const apply = () => {
    if (error === null && value !== props.value) props.onApply(value);
  };
  return (
    <label className="template-field">
      <span>{props.label}</span>
      <input
        value={value}
        data-testid={props.testId}
        aria-invalid={error !== null}
        onChange={(event) => setValue(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === "Enter") apply();
          if (event.key === "Escape") setValue(props.value);
        }}
        onBlur={apply}
      />
      {error && (
        <span className="template-field-error" data-testid={`${props.testId}-error`}>
          {error}
        </span>
      )}
    </label>
  );
}

function NewAttribute(props: { onAdd: (name: string, value: string) => void }): ReactElement {
  const [name, setName] = useState("");
  const [value, setValue] = useState("");
  const error = name === "" ? null : attributeNameError(name);
  return (
    <form
      className="template-new-attribute"
      onSubmit={(event) => {
        event.preventDefault();
        if (name === "" || error) return;
        props.onAdd(name, value);
        setName("");
        setValue("");
      }}
    >
      <input placeholder="name" value={name} aria-label="New attribute name" data-testid="template-attribute-name" onChange={(event) => setName(event.target.value)} />
      <input placeholder="value" value={value} aria-label="New attribute value" data-testid="template-attribute-value" onChange={(event) => setValue(event.target.value)} />
      <button type="submit" disabled={name === "" || error !== null} data-testid="template-attribute-add">
        Add
      </button>
      {error && <span className="template-field-error">{error}</span>}
    </form>
  );
}

/** The selected node's properties: its text, classes and attributes, or its expression. */
export function Properties(props: { source: string; node: OutlineNode; onEdit: (plan: Plan) => void; onDelete: () => void }): ReactElement {
  const { node, source, onEdit } = props;
  const key = (name: string, value: string) => `${node.id}:${name}:${value}`;
  const text = textOf(source, node);
  const expression = node.expression ? source.slice(node.expression.start, node.expression.end) : undefined;
  const classes = node.kind === "element" ? (attributeOf(source, node, "class") ?? "") : undefined;
  return (
    <div className="template-properties" data-testid="template-properties">
      <div className="template-properties-title">
        <code>{labelOf(source, node)}</code>
        <IconButton icon="trash" label="Delete node" testId="template-delete" onClick={props.onDelete} />
      </div>
      {text !== undefined && node.kind === "element" && (
        <Field key={key("text", text)} label="Text" testId="template-prop-text" value={text} check={textError} onApply={(value) => onEdit((s, t) => setText(s, t, node.id, value))} />
      )}
      {expression !== undefined && (
        <Field
          key={key("expression", expression)}
          label={node.kind === "variable" ? "Variable" : node.name === "for" ? "Loop" : node.name === "if" || node.name === "elif" ? "Condition" : "Expression"}
          testId="template-prop-expression"
          value={expression}
          check={(value) => (node.kind === "variable" ? expressionError(value) : tagExpressionError(node.name, value))}
          onApply={(value) => onEdit((s, t) => setExpression(s, t, node.id, value))}
        />
      )}
      {classes !== undefined && !classes.includes("{") && (
        <Field
          key={key("class", classes)}
          label="Classes"
          testId="template-prop-classes"
          value={classes}
          check={classesError}
          onApply={(value) => onEdit((s, t) => setClasses(s, t, node.id, value.trim().split(/\s+/)))}
        />
      )}
      {node.kind === "element" && (
        <fieldset className="template-attributes">
          <legend>Attributes</legend>
          {node.attributes
            .filter((attribute) => !attribute.jinja && attribute.name.toLowerCase() !== "class")
            .map((attribute) => {
              const value = attribute.value ? source.slice(attribute.value.start, attribute.value.end) : "";
              return (
                <div key={key(attribute.name, value)} className="template-attribute-row">
                  <Field
                    label={attribute.name}
                    testId={`template-attr-${attribute.name}`}
                    value={value}
                    check={() => null}
                    onApply={(next) => onEdit((s, t) => setAttribute(s, t, node.id, attribute.name, next))}
                  />
                  <IconButton icon="close" label={`Remove ${attribute.name}`} onClick={() => onEdit((s, t) => removeAttribute(s, t, node.id, attribute.name))} />
                </div>
              );
            })}
          <NewAttribute onAdd={(name, value) => onEdit((s, t) => setAttribute(s, t, node.id, name, value))} />
        </fieldset>
      )}
    </div>
  );
}
