package dev.eventcrm.query.timeline;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One page of a timeline, newest first; pass {@code nextCursor} back as {@code cursor} (null on the last page). */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record TimelinePage(List<TimelineEntryView> items, String nextCursor) {
}
