package dev.eventcrm.query.managerkpi;

import org.bson.Document;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * A {@code manager_kpi_facts} document as the report reads it: the facts of one call, meeting, e-mail, task or deal
 * (written by the projections' {@code ManagerKpiFold}), and a deal's current amount, which its win brings in.
 *
 * @param amount null when the aggregate is not a deal or the deal has no amount
 */
record KpiDocument(List<Fact> facts, BigDecimal amount, String currency) {

    /** @param type CALL, MEETING, EMAIL, TASK_COMPLETED, DEAL_OPENED, DEAL_WON or DEAL_LOST */
    record Fact(String type, String managerId, Instant at, boolean outbound, boolean connected, int seconds) {
    }

    static KpiDocument from(Document document) {
        Document amount = document.get("amount", Document.class);
        List<Fact> facts = document.getList("facts", Document.class, List.of()).stream().map(f -> new Fact(
                f.getString("type"), f.getString("managerId"), f.get("at", Date.class).toInstant(),
                f.getBoolean("outbound", false), f.getBoolean("connected", false), f.getInteger("seconds", 0)))
                .toList();
        return amount == null || amount.getString("value") == null ? new KpiDocument(facts, null, null)
                : new KpiDocument(facts, new BigDecimal(amount.getString("value")), amount.getString("currency"));
    }
}
