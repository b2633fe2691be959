import { createContext, useContext } from "react";
import type { Studio } from "./studio";

export const StudioContext = createContext<Studio | null>(null);

/** The workbench's shared stores and client; every component below <App/> can use it. */
export function useStudio(): Studio {
  const studio = useContext(StudioContext);
  if (!studio) throw new Error("useStudio() must be called inside <StudioContext.Provider>");
  return studio;
}
