package dev.eventcrm.query.segment;

import java.math.BigDecimal;

/**
 * A listed contact with its value, lifecycle stage and, for a customer, its RFM.
 *
 * @param rfm null unless the contact has a won deal
 */
record Classified(ContactRow contact, CustomerValue value, Lifecycle lifecycle, Rfm rfm) {

    /**
     * @param recencyDays whole days since the last won deal
     * @param monetary    the won amounts in the reporting currency
     */
    record Rfm(long recencyDays, int frequency, BigDecimal monetary, int r, int f, int m, Segment segment) {
    }
}
