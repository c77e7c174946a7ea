package dev.eventcrm.query.funnel;

import java.math.BigDecimal;
import java.util.List;
import java.util.SortedMap;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * {@code GET /api/v1/reports/funnel}. Ratios are decimals with 4 places (half up), null when their denominator is 0;
 * amounts are decimal strings per currency; times in stage are seconds; cycle times are days with 2 places.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record FunnelView(String pipelineId, String mode, String from, String to, List<StageRow> stages,
                         Totals totals) {

    /**
     * One OPEN stage, in the pipeline's order.
     *
     * @param lossReasons reason -> deals lost here for it, in reason order
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record StageRow(String stage, long reached, BigDecimal conversionToNext, long lostHere,
                           SortedMap<String, Long> lossReasons, long stillHere, TimeInStage timeInStage) {
    }

    /**
     * Over the cohort's deals that were actually in the stage (in both modes); a stay still going lasts until the
     * query's "now".
     *
     * @param deals      how many deals the spreads are over
     * @param latest     of each deal's latest stay in the stage
     * @param cumulative of each deal's stays in the stage added up
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record TimeInStage(String unit, long deals, Spread latest, Spread cumulative) {
    }

    /** Median (the mean of the two middle values for an even count) and nearest-rank 90th percentile; null if none. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Spread(BigDecimal median, BigDecimal p90) {
    }

    /** @param revenueWon, avgWonAmount currency -> decimal string, in currency order */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Totals(long deals, long won, long lost, long open, BigDecimal winRate,
                         SortedMap<String, String> revenueWon, BigDecimal avgCycleDays, BigDecimal medianCycleDays,
                         SortedMap<String, String> avgWonAmount) {
    }
}
