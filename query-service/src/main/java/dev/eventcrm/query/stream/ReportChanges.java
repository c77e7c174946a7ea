package dev.eventcrm.query.stream;

import dev.eventcrm.api.ApiException;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which event types change which report: each report's projection folds exactly these, so a change of one of them
 * is a change of the report.
 */
final class ReportChanges {

    private static final List<String> DEAL = List.of("DealOpened", "DealStageMoved", "DealReopened",
            "DealOwnerAssigned", "DealAmountChanged", "DealExpectedCloseDateChanged");
    private static final List<String> PIPELINE = List.of("PipelineCreated", "PipelineStageAdded",
            "PipelineStageChanged", "PipelineStageRemoved", "PipelineStagesReordered");
    private static final List<String> ACTIVITY = List.of("CallLogged", "MeetingLogged", "EmailLogged", "NoteAdded");
    /** What the segmentation of contacts is computed from. */
    private static final List<String> CONTACT = List.of("ContactCreated", "ContactArchived", "ContactRestored",
            "ContactMergedInto", "ContactLocationChanged", "ContactSourceChanged");

    static final Map<String, Set<String>> TYPES_BY_REPORT = Map.of(
            "funnel", union(DEAL, PIPELINE),
            "forecast", union(DEAL, PIPELINE),
            "dynamics", union(DEAL),
            "segments", union(DEAL, ACTIVITY, CONTACT),
            // saved segments' member counts follow the segmentation; their definitions are theirs alone
            "saved-segments", union(DEAL, ACTIVITY, CONTACT, List.of("SegmentSaved", "SegmentDeleted")),
            "managers", union(DEAL, ACTIVITY, List.of("TaskCreated", "TaskCompleted", "TaskCancelled",
                    "TaskReassigned", "TaskRescheduled", "UserCreated", "UserMovedToTeam", "QuotaSet")),
            "sources", union(List.of("DealOpened", "DealStageMoved", "DealReopened", "DealAmountChanged",
                    "ContactCreated", "ContactSourceChanged", "ContactMergedInto", "MarketingSpendRecorded")));

    private ReportChanges() {
    }

    /** The reports named in a comma-separated value; every report when absent or blank; 400 for an unknown one. */
    static Set<String> reports(String value) {
        if (value == null || value.isBlank()) {
            return TYPES_BY_REPORT.keySet();
        }
        Set<String> reports = new LinkedHashSet<>();
        for (String report : value.split(",")) {
            String name = report.trim();
            if (!TYPES_BY_REPORT.containsKey(name)) {
                throw ApiException.invalid("reports", "unknown report '" + name + "'; known: "
                        + String.join(", ", TYPES_BY_REPORT.keySet().stream().sorted().toList()));
            }
            reports.add(name);
        }
        return reports;
    }

    static Set<String> types(Set<String> reports) {
        Set<String> types = new LinkedHashSet<>();
        reports.forEach(report -> types.addAll(TYPES_BY_REPORT.get(report)));
        return types;
    }

    /** Of {@code reports}, those a change of {@code type} changes, in the order asked for. */
    static List<String> changedBy(String type, Set<String> reports) {
        return reports.stream().filter(report -> TYPES_BY_REPORT.get(report).contains(type)).toList();
    }

    @SafeVarargs
    private static Set<String> union(List<String>... lists) {
        Set<String> types = new LinkedHashSet<>();
        for (List<String> list : lists) {
            types.addAll(list);
        }
        return Set.copyOf(types);
    }
}
