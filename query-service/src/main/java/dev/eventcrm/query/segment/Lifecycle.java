package dev.eventcrm.query.segment;

/**
 * Where a contact stands, decided in this order: CUSTOMER (a won deal within the churn period), CHURNED (won deals,
 * but the last one longer ago), PROSPECT (no won deal, an open one), LEAD (neither: no deal, or only lost ones).
 */
public enum Lifecycle {
    LEAD, PROSPECT, CUSTOMER, CHURNED;

    public String id() {
        return name().toLowerCase();
    }
}
