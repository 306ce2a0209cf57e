/**
 * Known-fraudster screening, one home for the three places that compare a voice with the
 * domain's fraudsters: duplicate detection of registration jobs, the fraud check of enrollment
 * jobs, and the fraud detection result of EvaluateSession.
 *
 * A search compares with every fraudster in scope, on the service's only thread. So it reads
 * the fraudsters a page at a time, in the list order, and lets the event loop run between
 * pages: the API keeps answering while a job searches, and a search holds one page of
 * fraudsters, not the domain's. Of each fraudster it reads only the search features stored
 * with it (the version and the speaker embedding, 1,608 bytes of doubles decoded without
 * parsing; see voiceprint.ts), never the voiceprint's JSON. A job acts on the result inside its
 * request's transaction, so the search ends there synchronously (`finish`): it compares with the
 * fraudsters added meanwhile and checks that its best match still stands, so the result is the
 * one a single scan inside the transaction would give.
 * @module
 */
import type { ListPosition, Store } from "../store";
import {
    decodeSearchFeatures,
    searchFeatures,
    similarityOfFeatures,
    type SearchFeatures,
    type Voiceprint,
} from "./voiceprint";

export interface FraudsterMatch {
    fraudsterId: string;
    /** Similarity 0-100 (the KnownFraudsterRisk score). */
    score: number;
}

/**
 * Fraudsters compared per step before the event loop runs again: each is a row read, 60 doubles
 * decoded and a dot product, so a step keeps other requests waiting well under 1 ms.
 */
export const SEARCH_PAGE = 32;

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The closest fraudster of a domain (of the given watchlists only, when given). */
export class FraudsterSearch {
    private best: FraudsterMatch | undefined;
    private after: ListPosition | undefined;
    /** How many fraudsters were compared, and the sum of their rowids (see Store.fraudstersInScope). */
    private seen = { count: 0, seqSum: 0 };
    private readonly probe: SearchFeatures | null;

    constructor(
        private readonly store: Store,
        private readonly domainId: string,
        voiceprint: Voiceprint,
        private readonly watchlistIds?: string[],
    ) {
        this.probe = searchFeatures(voiceprint);
    }

    /**
     * Compares with the fraudsters in scope, one page per turn of the event loop, until the end
     * of the list or until `stop()` says so (then `finish` does the rest).
     */
    async advance(stop: () => boolean = () => false): Promise<void> {
        while (!stop() && this.step()) await nextTurn();
    }

    /**
     * Ends the search without yielding: compares with the fraudsters not seen yet and returns
     * the best match (the first of the highest score, in list order). Call it inside the
     * transaction that acts on the result.
     */
    finish(): FraudsterMatch | undefined {
        while (this.step());
        // Fraudsters deleted, or made behind the cursor (a clock set back), while the search
        // yielded: the pages seen are no longer the scope, so search it again in one go.
        const now = this.store.fraudstersInScope(this.domainId, this.watchlistIds);
        if (
            now.count !== this.seen.count ||
            now.seqSum !== this.seen.seqSum ||
            (this.best && !this.stillInScope(this.best.fraudsterId))
        ) {
            this.best = undefined;
            this.after = undefined;
            this.seen = { count: 0, seqSum: 0 };
            while (this.step());
        }
        return this.best;
    }

    /** advance, then finish: for callers that act on the result outside a transaction. */
    async closest(): Promise<FraudsterMatch | undefined> {
        await this.advance();
        return this.finish();
    }

    /** Compares with the next page; false once the list is exhausted. */
    private step(): boolean {
        const page = this.store.fraudsterFeatures(this.domainId, this.watchlistIds, this.after, SEARCH_PAGE);
        for (const f of page) {
            const score = similarityOfFeatures(this.probe, decodeSearchFeatures(f.search_features));
            if (!this.best || score > this.best.score) this.best = { fraudsterId: f.id, score };
            this.after = [f.created_at, f.seq];
            this.seen.count++;
            this.seen.seqSum += f.seq;
        }
        return page.length === SEARCH_PAGE;
    }

    private stillInScope(fraudsterId: string): boolean {
        if (!this.store.getFraudster(this.domainId, fraudsterId)) return false;
        if (!this.watchlistIds) return true;
        const member = this.store.fraudsterWatchlists(fraudsterId);
        return this.watchlistIds.some((w) => member.includes(w));
    }
}
