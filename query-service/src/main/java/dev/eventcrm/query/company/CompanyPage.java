package dev.eventcrm.query.company;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One page of companies; pass {@code nextCursor} back as {@code cursor} for the next one (null on the last page). */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record CompanyPage(List<CompanyView> items, String nextCursor) {
}
