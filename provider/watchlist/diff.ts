/**
 * What a change to a watchlist's inputs means: name and description update in place; another
 * domain, region or endpoint needs a new watchlist.
 * @module
 */
import { ResourceDiff, changed } from "../shared/resourceDiff";
import { AmbientTarget, targetReplaces } from "../shared/scope";
import { containsUnknown } from "../shared/validation";
import { WatchlistInputs, WatchlistOutputs } from "./args";

/** Computes the diff between recorded outputs `olds` and new inputs `news`. */
export function diffWatchlist(
    olds: Partial<WatchlistOutputs>,
    news: Partial<WatchlistInputs>,
    ambient: AmbientTarget = {},
): ResourceDiff {
    const o = olds as Record<string, unknown>;
    const n = news as Record<string, unknown>;
    const replaces: string[] = targetReplaces(olds, news, ambient, containsUnknown);
    if (changed(o, n, "domainId")) replaces.unshift("domainId");
    const updates = changed(o, n, "name") ? ["name"] : [];
    // The API cannot clear a description: an unset one is not managed, so it is no change.
    if (news.description !== undefined && (containsUnknown(news.description) || changed(o, n, "description")))
        updates.push("description");
    return { changes: updates.length > 0 || replaces.length > 0, replaces, updates };
}
