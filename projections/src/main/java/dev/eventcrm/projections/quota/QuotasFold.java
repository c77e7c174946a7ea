package dev.eventcrm.projections.quota;

import dev.eventcrm.events.quota.QuotaSet;
import dev.eventcrm.projections.event.ParsedEvent;
import dev.eventcrm.projections.fold.Fold;

import java.util.List;

/** The quotas' fold: each {@code QuotaSet} adds a target to its quota's history, from the event's time on. */
public final class QuotasFold implements Fold<QuotaHistory> {

    @Override
    public List<String> targets(ParsedEvent event) {
        return event.isOf(ParsedEvent.QUOTA) ? List.of(event.aggregateId()) : List.of();
    }

    @Override
    public QuotaHistory empty(String documentId) {
        return QuotaHistory.empty(documentId);
    }

    @Override
    public QuotaHistory apply(QuotaHistory quota, ParsedEvent event) {
        if (event.payload() instanceof QuotaSet set) {
            return quota.set(set.managerId(), set.teamId(), set.period(), set.metric(), new QuotaHistory.Target(
                    event.occurredAt(), set.target().toPlainString(), set.currency()));
        }
        return quota;
    }
}
