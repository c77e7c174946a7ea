package dev.eventcrm.query.deal;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One page of deals; pass {@code nextCursor} back as {@code cursor} for the next one (null on the last page). */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record DealPage(List<DealView> items, String nextCursor) {
}
