package dev.eventcrm.command;

/**
 * A command refused by a business rule. {@code field} names the offending request field when the refusal is about
 * one input (answered 400 with a field error); otherwise the refusal is a conflict with the current state (409).
 */
public class RuleViolation extends RuntimeException {
    private final String rule;
    private final String field;

    public RuleViolation(String rule, String message) {
        this(rule, null, message);
    }

    public RuleViolation(String rule, String field, String message) {
        super(message);
        this.rule = rule;
        this.field = field;
    }

    public String getRule() {
        return rule;
    }

    public String getField() {
        return field;
    }
}
