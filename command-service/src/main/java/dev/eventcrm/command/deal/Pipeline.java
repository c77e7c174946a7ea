package dev.eventcrm.command.deal;

import dev.eventcrm.events.deal.DealStages;

import java.util.List;

/** The ordered stages of a sales pipeline; WON and LOST close a deal. */
public record Pipeline(String id, List<String> stages, List<String> closedStages) {

    public static final Pipeline DEFAULT = new Pipeline(DealStages.PIPELINE, DealStages.DEFAULT, DealStages.CLOSED);

    public String firstStage() {
        return stages.get(0);
    }

    public boolean hasStage(String stage) {
        return stages.contains(stage);
    }

    public boolean isClosed(String stage) {
        return closedStages.contains(stage);
    }
}
