import type { ReactElement } from "react";

/** Line icons on a 16px grid, drawn with currentColor so they follow the theme. */
const PATHS = {
  files: "M4 1.5h5l3.5 3.5v9.5h-8.5zM9 1.5V5h3.5M2 4v11.5h8",
  chevronRight: "M6 4l4 4-4 4",
  chevronDown: "M4 6l4 4 4-4",
  close: "M4 4l8 8M12 4l-8 8",
  newFile: "M4 1.5h5l3.5 3.5v9.5h-8.5zM9 1.5V5h3.5M8.25 8v4M6.25 10h4",
  newFolder: "M1.5 3.5h4.5l1.5 1.5h7v8.5h-13zM8.5 7.5v4M6.5 9.5h4",
  refresh: "M13 8a5 5 0 1 1-1.5-3.5M13 2.5V5h-2.5",
  collapse: "M3 3h10v10H3zM5.5 8h5",
  folder: "M1.5 3.5h4.5l1.5 1.5h7v8.5h-13z",
  file: "M4 1.5h5l3.5 3.5v9.5h-8.5zM9 1.5V5h3.5",
  sun: "M8 5a3 3 0 1 0 0 6 3 3 0 0 0 0-6zM8 1v1.5M8 13.5V15M1 8h1.5M13.5 8H15M3 3l1 1M12 12l1 1M3 13l1-1M12 4l1-1",
  moon: "M13.5 10A6 6 0 0 1 6 2.5a6 6 0 1 0 7.5 7.5z",
  search: "M7 2.5a4.5 4.5 0 1 0 0 9 4.5 4.5 0 0 0 0-9zM10.5 10.5L14 14",
  trash: "M2.5 4h11M6 4V2.5h4V4M4 4l.75 10h6.5L12 4",
  edit: "M10.5 2.5l3 3-8 8h-3v-3z",
  plus: "M8 3v10M3 8h10",
  layout: "M2 2.5h12v11H2zM2 6h12M6 6v7.5",
  routes: "M2 3.5h4l2 4.5h6M8 8l-2 4.5H2M11.5 5.5L14 8l-2.5 2.5",
  flask: "M6 1.5h4M6.5 1.5v4L2.5 13a1 1 0 0 0 .9 1.5h9.2a1 1 0 0 0 .9-1.5l-4-7.5v-4M4.5 10h7",
  gear: "M8 5.5a2.5 2.5 0 1 0 0 5 2.5 2.5 0 0 0 0-5zM6.8 1.5h2.4l.4 1.8 1.3.7 1.7-.7 1.2 2.1-1.4 1.2v1.6l1.4 1.2-1.2 2.1-1.7-.7-1.3.7-.4 1.8H6.8l-.4-1.8-1.3-.7-1.7.7-1.2-2.1 1.4-1.2V7.2L2.2 6l1.2-2.1 1.7.7 1.3-.7z",
  folderOpen: "M1.5 13.5v-10h4.5l1.5 1.5h5.5v2M1.5 13.5l2-6h11l-2 6z",
  inspect: "M6.5 12.5h-4v-10h10v4M8 8l6 2.5-2.5 1-1 2.5z",
} as const;

export type IconName = keyof typeof PATHS;

/** A decorative icon (hidden from screen readers: the control around it carries the name). */
export function Icon({ name, size = 16 }: { name: IconName; size?: number }): ReactElement {
  return (
    <svg
      className="icon"
      width={size}
      height={size}
      viewBox="0 0 16 16"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.3"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
    >
      <path d={PATHS[name]} />
    </svg>
  );
}
