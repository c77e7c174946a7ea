package dev.eventcrm.query.leadsource;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.math.BigDecimal;
import java.util.List;
import java.util.SortedMap;

/**
 * {@code GET /api/v1/reports/sources}. Ratios are decimals with 4 places (half up), null when their denominator is
 * 0; {@code conversion} is in [0, 1], {@code roi} may be negative (down to -1) or above 1. Amounts are exact decimal
 * strings per currency.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record LeadSourceView(String from, String to, String timeZone, List<SourceRow> sources) {

    /** One lead source; {@code source} is null for contacts and deals without one. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record SourceRow(String source, long contacts, long dealsOpened, long dealsWon, BigDecimal conversion,
                            SortedMap<String, String> revenue, BigDecimal avgCycleDays,
                            SortedMap<String, String> spend, SortedMap<String, String> costPerLead,
                            SortedMap<String, String> costPerWonDeal, BigDecimal roi) {
    }
}
