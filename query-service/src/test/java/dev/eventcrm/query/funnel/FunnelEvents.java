package dev.eventcrm.query.funnel;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.eventcrm.events.Money;
import dev.eventcrm.events.deal.DealOpened;
import dev.eventcrm.events.deal.DealReopened;
import dev.eventcrm.events.deal.DealStageMoved;
import dev.eventcrm.events.deal.DealStages;
import dev.eventcrm.events.pipeline.StageKind;
import dev.eventcrm.projections.event.ParsedEvent;
import dev.eventcrm.projections.fold.FoldEngine;
import dev.eventcrm.projections.fold.Tracked;
import dev.eventcrm.projections.funnel.DealFunnelCodec;
import dev.eventcrm.projections.funnel.DealFunnelFacts;
import dev.eventcrm.projections.funnel.DealFunnelFold;
import dev.eventcrm.projections.history.EventHistory;
import dev.eventcrm.query.pipeline.PipelineView;
import org.bson.Document;

/**
 * Deal events of the default pipeline, and the way from events to the report that production takes: the projections'
 * fold (through its engine: redeliveries are no-ops, gaps are healed from the history), the stored document, the
 * query side's reading of it.
 */
public final class FunnelEvents {
    static final List<PipelineView.Stage> DEFAULT_STAGES = DealStages.DEFAULT_STAGES.stream()
            .map(stage -> new PipelineView.Stage(stage.id(), stage.name(), stage.probability(), stage.kind().name()))
            .toList();

    private FunnelEvents() {
    }

    public static ParsedEvent event(String dealId, long sequence, Instant at, Record payload) {
        return new ParsedEvent(dealId + "@" + sequence, payload.getClass().getSimpleName(), ParsedEvent.DEAL, dealId,
                sequence, at, at, Map.of(), payload, null);
    }

    public static ParsedEvent opened(String dealId, String owner, String amount, String currency, Instant at) {
        return event(dealId, 0, at, new DealOpened(dealId, "c-" + dealId, "Deal " + dealId,
                new Money(new BigDecimal(amount), currency), owner, "web", DealStages.PIPELINE, "NEW"));
    }

    /** A move as the command side records it: the target's kind, regression, and a reason for a loss. */
    public static ParsedEvent moved(String dealId, long sequence, String from, String to, String reason, Instant at) {
        StageKind kind = DealStages.DEFAULT_STAGES.stream().filter(stage -> stage.id().equals(to)).findFirst()
                .orElseThrow().kind();
        boolean regression = kind == StageKind.OPEN && DealStages.DEFAULT.indexOf(to) < DealStages.DEFAULT.indexOf(from);
        return event(dealId, sequence, at, new DealStageMoved(dealId, from, to, DealStages.PIPELINE, regression, kind,
                kind == StageKind.LOST ? reason : null, null));
    }

    public static ParsedEvent reopened(String dealId, long sequence, String from, String to, Instant at) {
        return event(dealId, sequence, at, new DealReopened(dealId, from, to, DealStages.PIPELINE));
    }

    /** The event store: each deal's events in sequence order. */
    static EventHistory history(List<ParsedEvent> events) {
        return (aggregateId, fromSequence) -> events.stream()
                .filter(e -> e.aggregateId().equals(aggregateId) && e.sequence() >= fromSequence)
                .sorted((a, b) -> Long.compare(a.sequence(), b.sequence())).toList();
    }

    /** The {@code deal_funnel} documents after {@code delivery}, read back as the report reads them, by deal id. */
    static Map<String, FunnelFacts> folded(List<ParsedEvent> delivery, EventHistory history) {
        FoldEngine<DealFunnelFacts> engine = new FoldEngine<>(new DealFunnelFold(), history);
        Map<String, Tracked<DealFunnelFacts>> documents = new HashMap<>();
        for (ParsedEvent event : delivery) {
            for (String id : engine.fold().targets(event)) {
                Tracked<DealFunnelFacts> current = documents.computeIfAbsent(id,
                        key -> Tracked.fresh(key, engine.fold().empty(key)));
                documents.put(id, engine.apply(current, event));
            }
        }
        DealFunnelCodec codec = new DealFunnelCodec();
        Map<String, FunnelFacts> facts = new LinkedHashMap<>();
        documents.keySet().stream().sorted().forEach(id -> {
            Document stored = codec.encode(documents.get(id).state());
            stored.put("_id", id);
            facts.put(id, FunnelFacts.from(stored));
        });
        return facts;
    }

    static List<FunnelFacts> cohort(Map<String, FunnelFacts> facts) {
        return new ArrayList<>(facts.values());
    }
}
