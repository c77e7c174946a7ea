package dev.eventcrm.query.segment;

import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.Indexes;
import dev.eventcrm.query.mongo.ReadModelIndexes;
import org.springframework.stereotype.Component;

import java.util.List;

/** The open and won deals, and the recent activities, of {@code customer_facts}. */
@Component
class SegmentIndexes implements ReadModelIndexes {

    @Override
    public String collection() {
        return SegmentRepository.COLLECTION;
    }

    @Override
    public List<IndexModel> indexes() {
        return List.of(new IndexModel(Indexes.ascending("kind", "status")),
                new IndexModel(Indexes.ascending("kind", "at")));
    }
}
