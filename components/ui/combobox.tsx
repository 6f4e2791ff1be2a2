"use client";
// A searchable picker (the ARIA 1.2 combobox pattern with a listbox popup): type to filter by
// label or keywords, arrows to move, Enter to choose, Escape to close. The chosen value goes into
// a hidden input named `name`, so the surrounding form reads it like a select.
import { useId, useMemo, useState, type KeyboardEvent, type ReactNode } from "react";
import { FieldMessage } from "./field";

export interface ComboboxOption {
  value: string;
  label: string;
  /** A second line under the label (an id, a state). */
  detail?: string;
  /** More text the filter matches (e.g. a GUID that isn't in the label). */
  keywords?: string;
}

/** Options shown at once: enough to scan, few enough to stay light with hundreds of subscriptions. */
const SHOWN = 50;

export function Combobox({
  label,
  name,
  options,
  placeholder,
  hint,
  error,
  onChange,
}: {
  label: string;
  name: string;
  options: ComboboxOption[];
  placeholder?: string;
  hint?: ReactNode;
  error?: string;
  onChange?: (value: string) => void;
}) {
  const id = useId();
  const listId = `${id}-list`;
  const [query, setQuery] = useState("");
  const [value, setValue] = useState("");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);

  const matches = useMemo(() => {
    const words = query.toLowerCase().split(/\s+/).filter(Boolean);
    return options.filter((option) => {
      const text = `${option.label} ${option.detail ?? ""} ${option.keywords ?? ""}`.toLowerCase();
      return words.every((word) => text.includes(word));
    });
  }, [options, query]);
  const shown = matches.slice(0, SHOWN);

  function choose(option: ComboboxOption) {
    setValue(option.value);
    setQuery(option.label);
    setOpen(false);
    onChange?.(option.value);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (!open) {
        setOpen(true);
        setActive(0);
        return;
      }
      const step = event.key === "ArrowDown" ? 1 : -1;
      setActive((current) => (shown.length === 0 ? 0 : (current + step + shown.length) % shown.length));
    } else if (event.key === "Enter" && open) {
      event.preventDefault();
      const option = shown[active];
      if (option) choose(option);
    } else if (event.key === "Escape") {
      if (open) {
        event.preventDefault();
        setOpen(false);
      } else {
        setQuery("");
        setValue("");
        onChange?.("");
      }
    }
  }

  const describedBy = [error ? `${id}-error` : hint ? `${id}-hint` : null, `${id}-count`].filter(Boolean).join(" ");
  return (
    <div className="space-y-1.5">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <input type="hidden" name={name} value={value} />
      <input
        id={id}
        type="text"
        role="combobox"
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open && shown[active] ? `${id}-option-${active}` : undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        autoComplete="off"
        placeholder={placeholder}
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          setValue("");
          setActive(0);
          setOpen(true);
          onChange?.("");
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
        className={`block w-full rounded-md border bg-white px-3 py-2 text-sm shadow-xs ${error ? "border-red-400" : "border-slate-300"}`}
      />
      <p id={`${id}-count`} className="sr-only" aria-live="polite">
        {open ? `${matches.length} match${matches.length === 1 ? "" : "es"}` : ""}
      </p>
      {/* In the flow, not floating: cards scroll sideways on phones, which would clip a popup. */}
      <div hidden={!open} className="mt-1 max-h-72 w-full overflow-y-auto rounded-md border border-slate-200 bg-white py-1 text-sm shadow-lg">
        <ul id={listId} role="listbox" aria-label={label}>
          {shown.map((option, index) => (
            <li
              key={option.value}
              id={`${id}-option-${index}`}
              role="option"
              aria-selected={option.value === value}
              // mousedown, not click: it runs before the input's blur closes the list.
              onMouseDown={(event) => {
                event.preventDefault();
                choose(option);
              }}
              onMouseEnter={() => setActive(index)}
              className={`cursor-pointer px-3 py-1.5 ${index === active ? "bg-brand-50" : ""}`}
            >
              <span className="block">{option.label}</span>
              {option.detail ? <span className="block font-mono text-xs text-slate-500">{option.detail}</span> : null}
            </li>
          ))}
        </ul>
        {shown.length === 0 ? <p className="px-3 py-2 text-slate-500">No match</p> : null}
        {matches.length > shown.length ? <p className="px-3 py-1.5 text-xs text-slate-500">{matches.length - shown.length} more: type to narrow</p> : null}
      </div>
      <FieldMessage id={id} error={error} hint={hint} />
    </div>
  );
}
