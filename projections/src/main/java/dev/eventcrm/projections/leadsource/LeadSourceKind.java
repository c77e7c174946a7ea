package dev.eventcrm.projections.leadsource;

/** What one lead-source fact document is about; the stored name is the enum's. */
public enum LeadSourceKind {
    CONTACT, DEAL, SPEND
}
