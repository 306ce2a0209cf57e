/**
 * A provider module whose check echoes an unknown value into a failure (engineView test).
 * @module
 */
export async function check(_olds: Record<string, unknown>, news: Record<string, unknown>) {
    return {
        inputs: news,
        failures: [{ property: "watchlistIds", reason: `must be in domain ${String(news.domainId)}` }],
    };
}
