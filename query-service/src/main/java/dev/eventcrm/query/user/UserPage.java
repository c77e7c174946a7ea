package dev.eventcrm.query.user;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One page of users; pass {@code nextCursor} back as {@code cursor} for the next one (null on the last page). */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record UserPage(List<UserView> items, String nextCursor) {
}
