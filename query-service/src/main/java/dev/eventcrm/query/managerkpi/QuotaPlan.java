package dev.eventcrm.query.managerkpi;

import org.bson.Document;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * A {@code quotas} document as the report reads it (written by the projections' {@code QuotasFold}): a manager's or
 * a team's plan per MONTH or QUARTER for REVENUE_WON, DEALS_WON, CALLS or MEETINGS, with every target it had.
 *
 * @param targets oldest first
 */
record QuotaPlan(String id, String managerId, String teamId, String period, String metric, List<Target> targets) {

    record Target(Instant from, BigDecimal target, String currency) {
    }

    /** The target in effect just before {@code at}; null when the quota was set later. */
    Target targetBefore(Instant at) {
        Target current = null;
        for (Target target : targets) {
            if (target.from().isBefore(at)) {
                current = target;
            }
        }
        return current;
    }

    static QuotaPlan from(Document document) {
        return new QuotaPlan(document.getString("_id"), document.getString("managerId"), document.getString("teamId"),
                document.getString("period"), document.getString("metric"),
                document.getList("targets", Document.class, List.of()).stream().map(target -> new Target(
                        target.get("from", Date.class).toInstant(), new BigDecimal(target.getString("target")),
                        target.getString("currency"))).toList());
    }
}
