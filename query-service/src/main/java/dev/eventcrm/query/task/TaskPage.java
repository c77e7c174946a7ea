package dev.eventcrm.query.task;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/** One page of tasks; pass {@code nextCursor} back as {@code cursor} for the next one (null on the last page). */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record TaskPage(List<TaskView> items, String nextCursor) {
}
