package dev.eventcrm.projections.deal;

import dev.eventcrm.events.task.TaskCreated;
import dev.eventcrm.projections.history.EventHistory;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which deal a task is the next step of. A task's later events name only the task, so the deal comes from its
 * creation: seen earlier by this fold (remembered here; it never changes, so a remembered answer is never stale),
 * else read from the event store's history of the task (one read per task, then remembered).
 */
final class NextStepTasks {

    /** Tasks remembered; beyond this the least recently used are forgotten (and read again if they come back). */
    private static final int CAPACITY = 100_000;

    private final EventHistory history;
    private final Map<String, Optional<String>> known = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Optional<String>> eldest) {
            return size() > CAPACITY;
        }
    };

    NextStepTasks(EventHistory history) {
        this.history = history;
    }

    /** @return the deal the created task is the next step of; empty for any other task */
    synchronized Optional<String> created(String taskId, TaskCreated created) {
        Optional<String> deal = created.nextStep() && created.dealId() != null ? Optional.of(created.dealId())
                : Optional.empty();
        known.put(taskId, deal);
        return deal;
    }

    /** @return the deal the task is the next step of; empty for any other task */
    synchronized Optional<String> dealOf(String taskId) {
        Optional<String> deal = known.get(taskId);
        if (deal != null) {
            return deal;
        }
        return history.load(taskId, 0).stream().findFirst()
                .filter(first -> first.payload() instanceof TaskCreated)
                .map(first -> created(taskId, (TaskCreated) first.payload()))
                .orElse(Optional.empty());
    }
}
