package dev.eventcrm.query.board;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.eventcrm.query.deal.DealView;

/** A pipeline's board: its stages in order, each with its totals and its most recently updated deals. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record BoardView(String pipelineId, List<StageColumn> stages) {

    /**
     * @param name   null for a stage the pipeline no longer has (see {@code BoardController})
     * @param count  every deal in the stage, however many {@code deals} shows
     * @param totals per currency, in currency order, over every deal in the stage
     * @param deals  the most recently updated first, at most {@code dealsPerStage}
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record StageColumn(String stage, String name, int probability, long count, List<Total> totals,
                              List<DealView> deals) {
    }

    /**
     * Decimal strings: {@code weighted} is {@code amount × probability / 100} at the amount's scale, rounded half up.
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Total(String currency, String amount, String weighted) {
    }
}
