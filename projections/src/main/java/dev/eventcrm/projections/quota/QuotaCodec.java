package dev.eventcrm.projections.quota;

import dev.eventcrm.events.quota.QuotaMetric;
import dev.eventcrm.events.quota.QuotaPeriod;
import dev.eventcrm.projections.fold.StateCodec;
import org.bson.Document;

import java.util.Date;
import java.util.List;

import static dev.eventcrm.projections.fold.Bson.date;

/** A {@code quotas} document: the field names are the contract with query-service's managers report. */
public final class QuotaCodec implements StateCodec<QuotaHistory> {

    @Override
    public Document encode(QuotaHistory quota) {
        return new Document("managerId", quota.managerId())
                .append("teamId", quota.teamId())
                .append("period", quota.period() == null ? null : quota.period().name())
                .append("metric", quota.metric() == null ? null : quota.metric().name())
                .append("targets", quota.targets().stream().map(target -> new Document("from", date(target.from()))
                        .append("target", target.target()).append("currency", target.currency())).toList());
    }

    @Override
    public QuotaHistory decode(String id, Document document) {
        String period = document.getString("period");
        String metric = document.getString("metric");
        List<QuotaHistory.Target> targets = document.getList("targets", Document.class, List.of()).stream()
                .map(target -> new QuotaHistory.Target(target.get("from", Date.class).toInstant(),
                        target.getString("target"), target.getString("currency"))).toList();
        return new QuotaHistory(id, document.getString("managerId"), document.getString("teamId"),
                period == null ? null : QuotaPeriod.valueOf(period), metric == null ? null : QuotaMetric.valueOf(metric),
                targets);
    }
}
