package dev.eventcrm.query.segment;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One {@code customer_facts} document: a deal (status, amount, current win) or an activity (its business time in
 * {@code at}) of a contact.
 */
record Fact(boolean deal, String contactId, String status, BigDecimal amount, String currency, Instant at,
            Instant wonAt) {

    boolean won() {
        return deal && "WON".equals(status);
    }

    boolean open() {
        return deal && "OPEN".equals(status);
    }
}
