export { PreviewPane } from "./preview-pane";
