package dev.eventcrm.query.funnel;

import dev.eventcrm.api.ApiException;

/**
 * How "reached" is counted. CUMULATIVE: a deal ever in an OPEN or WON stage S has reached S and every OPEN stage
 * before S (a deal ever won has reached them all). STRICT: only the stages the deal was actually in.
 */
public enum FunnelMode {
    CUMULATIVE, STRICT;

    static FunnelMode parse(String raw) {
        if (raw == null || raw.isBlank()) {
            return CUMULATIVE;
        }
        return switch (raw.trim()) {
            case "cumulative" -> CUMULATIVE;
            case "strict" -> STRICT;
            default -> throw ApiException.invalid("mode", "must be cumulative or strict");
        };
    }

    public String value() {
        return name().toLowerCase();
    }
}
