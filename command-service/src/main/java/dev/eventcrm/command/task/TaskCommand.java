package dev.eventcrm.command.task;

import dev.eventcrm.command.lookup.AggregateLookup;
import dev.eventcrm.command.lookup.TargetsExisting;

/** A command to an existing task. */
public interface TaskCommand extends TargetsExisting {
    String taskId();

    /** The If-Match version; null when the request did not give one. */
    Long expectedVersion();

    @Override
    default String targetId() {
        return taskId();
    }

    @Override
    default String targetType() {
        return AggregateLookup.TASK;
    }
}
