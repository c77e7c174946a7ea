package dev.eventcrm.command.lookup;

/**
 * The set of existing aggregates by id and type, for rules that span aggregates ("the contact of a deal exists").
 * The creating command handler registers its aggregate in the same transaction as its first event, so the set never
 * holds an aggregate whose creation rolled back, and a command handler consults it instead of the event store.
 */
public interface AggregateLookup {

    String CONTACT = "Contact";
    String DEAL = "Deal";
    String CALL = "Call";
    String PIPELINE = "Pipeline";
    String COMPANY = "Company";
    String USER = "User";
    String TASK = "Task";
    String MEETING = "Meeting";
    String EMAIL = "Email";
    String NOTE = "Note";
    String INVOICE = "Invoice";
    String QUOTA = "Quota";
    String SEGMENT = "Segment";
    String MARKETING_SPEND = "MarketingSpend";

    void register(String aggregateId, String aggregateType);

    boolean exists(String aggregateId, String aggregateType);
}
