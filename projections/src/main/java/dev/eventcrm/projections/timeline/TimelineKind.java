package dev.eventcrm.projections.timeline;

/** The {@code kind} of a timeline entry; query-service filters on these names. */
final class TimelineKind {
    static final String CALL = "CALL";
    static final String MEETING = "MEETING";
    static final String EMAIL = "EMAIL";
    static final String NOTE = "NOTE";
    static final String DEAL_OPENED = "DEAL_OPENED";
    static final String STAGE_CHANGED = "STAGE_CHANGED";
    static final String DEAL_WON = "DEAL_WON";
    static final String DEAL_LOST = "DEAL_LOST";
    static final String DEAL_REOPENED = "DEAL_REOPENED";
    static final String OWNER_CHANGED = "OWNER_CHANGED";
    static final String CONTACT_CREATED = "CONTACT_CREATED";
    static final String CONTACT_ARCHIVED = "CONTACT_ARCHIVED";
    static final String CONTACT_RESTORED = "CONTACT_RESTORED";
    static final String CONTACT_MERGED = "CONTACT_MERGED";
    static final String TASK_CREATED = "TASK_CREATED";
    static final String TASK_RESCHEDULED = "TASK_RESCHEDULED";
    static final String TASK_COMPLETED = "TASK_COMPLETED";
    static final String TASK_CANCELLED = "TASK_CANCELLED";
    static final String TASK_REASSIGNED = "TASK_REASSIGNED";
    static final String TASK_REMINDED = "TASK_REMINDED";
    static final String INVOICE_ISSUED = "INVOICE_ISSUED";
    static final String INVOICE_PAID = "INVOICE_PAID";

    private TimelineKind() {
    }
}
