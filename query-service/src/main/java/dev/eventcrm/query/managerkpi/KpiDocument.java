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
 * @param contactId the contact a call, meeting or e-mail is about, or a deal's
 * @param dealId    the deal a call, meeting or e-mail is about
 * @param amount    null when the aggregate is not a deal or the deal has no amount
 */
record KpiDocument(String id, String contactId, String dealId, List<Fact> facts, BigDecimal amount, String currency) {
    static final List<String> ACTIVITIES = List.of("CALL", "MEETING", "EMAIL");

    /** @param type CALL, MEETING, EMAIL, TASK_COMPLETED, DEAL_OPENED, DEAL_WON or DEAL_LOST */
    record Fact(String type, String managerId, Instant at, boolean outbound, boolean connected, int seconds) {
    }

    /** A call's, meeting's or e-mail's fact: what answers a new deal. */
    boolean isActivity() {
        return facts.size() == 1 && ACTIVITIES.contains(facts.get(0).type());
    }

    static KpiDocument from(Document document) {
        Document amount = document.get("amount", Document.class);
        List<Fact> facts = document.getList("facts", Document.class, List.of()).stream().map(f -> new Fact(
                f.getString("type"), f.getString("managerId"), f.get("at", Date.class).toInstant(),
                f.getBoolean("outbound", false), f.getBoolean("connected", false), f.getInteger("seconds", 0)))
                .toList();
        String id = document.getString("_id");
        String contactId = document.getString("contactId");
        String dealId = document.getString("dealId");
        return amount == null || amount.getString("value") == null
                ? new KpiDocument(id, contactId, dealId, facts, null, null)
                : new KpiDocument(id, contactId, dealId, facts, new BigDecimal(amount.getString("value")),
                amount.getString("currency"));
    }
}
