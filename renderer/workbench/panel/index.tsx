export { AppStatusItem } from "./app-status-item";
export { BottomPanel } from "./bottom-panel";
export { ProblemsStatusItem } from "./problems-status-item";
