package dev.eventcrm.query.timeline;

import java.util.List;

import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.Indexes;
import dev.eventcrm.query.mongo.ReadModelIndexes;
import org.springframework.stereotype.Component;

/** A contact's and a deal's timeline pages, read backwards along these without a sort in memory. */
@Component
class TimelineIndexes implements ReadModelIndexes {

    @Override
    public String collection() {
        return TimelineRepository.COLLECTION;
    }

    @Override
    public List<IndexModel> indexes() {
        return List.of(
                new IndexModel(Indexes.ascending("contactId", "occurredAt", "_id")),
                new IndexModel(Indexes.ascending("dealId", "occurredAt", "_id")));
    }
}
