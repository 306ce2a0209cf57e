import type { Handler } from "./context";
import { domainHandlers } from "./domains";
import { watchlistHandlers } from "./watchlists";
import { fraudsterHandlers } from "./fraudsters";
import { jobHandlers } from "./jobs";
import { tagHandlers } from "./tags";

/** Every in-scope operation, by its X-Amz-Target name. */
export const HANDLERS: Record<string, Handler> = {
  ...domainHandlers,
  ...watchlistHandlers,
  ...fraudsterHandlers,
  ...jobHandlers,
  ...tagHandlers,
};
