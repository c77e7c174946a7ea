package dev.eventcrm.projections.segment;

import dev.eventcrm.events.segment.LifecycleStage;
import dev.eventcrm.events.segment.RfmSegment;
import dev.eventcrm.events.segment.SegmentFilter;
import dev.eventcrm.projections.fold.StateCodec;
import org.bson.Document;

import java.util.List;

import static dev.eventcrm.projections.fold.Bson.date;
import static dev.eventcrm.projections.fold.Bson.instant;

/**
 * A {@code saved_segments} document: the field names are the contract with query-service's saved segments. The
 * filter's fields are stored as the event names them; segments and stages by their constants' names.
 */
public final class SavedSegmentCodec implements StateCodec<SavedSegment> {

    @Override
    public Document encode(SavedSegment segment) {
        SegmentFilter filter = segment.filter();
        Document stored = new Document("name", segment.name()).append("deleted", segment.deleted())
                .append("createdAt", date(segment.createdAt())).append("savedAt", date(segment.savedAt()));
        if (filter != null) {
            stored.append("filter", new Document("rfmSegments", filter.rfmSegments().stream().map(Enum::name).toList())
                    .append("lifecycles", filter.lifecycles().stream().map(Enum::name).toList())
                    .append("countries", filter.countries())
                    .append("cities", filter.cities())
                    .append("sources", filter.sources())
                    .append("minActivities30d", filter.minActivities30d())
                    .append("maxActivities30d", filter.maxActivities30d())
                    .append("minActivities90d", filter.minActivities90d())
                    .append("maxActivities90d", filter.maxActivities90d()));
        }
        return stored;
    }

    @Override
    public SavedSegment decode(String id, Document document) {
        Document filter = document.get("filter", Document.class);
        return new SavedSegment(id, document.getString("name"), filter == null ? null : new SegmentFilter(
                filter.getList("rfmSegments", String.class, List.of()).stream().map(RfmSegment::valueOf).toList(),
                filter.getList("lifecycles", String.class, List.of()).stream().map(LifecycleStage::valueOf).toList(),
                filter.getList("countries", String.class, List.of()),
                filter.getList("cities", String.class, List.of()),
                filter.getList("sources", String.class, List.of()),
                filter.getInteger("minActivities30d"), filter.getInteger("maxActivities30d"),
                filter.getInteger("minActivities90d"), filter.getInteger("maxActivities90d")),
                Boolean.TRUE.equals(document.getBoolean("deleted")), instant(document, "createdAt"),
                instant(document, "savedAt"));
    }
}
