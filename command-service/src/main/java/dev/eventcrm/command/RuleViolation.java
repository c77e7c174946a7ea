package dev.eventcrm.command;

import java.util.Map;

/**
 * A command refused by a business rule. {@code field} names the offending request field when the refusal is about
 * one input (answered 400 with a field error); otherwise the refusal is a conflict with the current state (409).
 */
public class RuleViolation extends RuntimeException {
    private final String rule;
    private final String field;
    private final Map<String, Object> details;

    public RuleViolation(String rule, String message) {
        this(rule, null, message);
    }

    public RuleViolation(String rule, String field, String message) {
        this(rule, field, message, Map.of());
    }

    /** @param details what a client needs to act on a conflict (e.g. the id of the record it conflicts with) */
    public RuleViolation(String rule, String field, String message, Map<String, Object> details) {
        super(message);
        this.rule = rule;
        this.field = field;
        this.details = Map.copyOf(details);
    }

    public Map<String, Object> getDetails() {
        return details;
    }

    public String getRule() {
        return rule;
    }

    public String getField() {
        return field;
    }
}
