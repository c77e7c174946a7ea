package dev.eventcrm.query.contact;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One page of contacts; pass {@code nextCursor} back as {@code cursor} for the next one (null on the last page). */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ContactPage(List<ContactView> items, String nextCursor) {
}
