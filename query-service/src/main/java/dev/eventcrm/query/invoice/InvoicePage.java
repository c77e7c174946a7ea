package dev.eventcrm.query.invoice;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/** One page of invoices; pass {@code nextCursor} back as {@code cursor} for the next one (null on the last page). */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record InvoicePage(List<InvoiceView> items, String nextCursor) {
}
