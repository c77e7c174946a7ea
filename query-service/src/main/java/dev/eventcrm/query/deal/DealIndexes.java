package dev.eventcrm.query.deal;

import java.util.List;

import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.Indexes;
import dev.eventcrm.query.mongo.ReadModelIndexes;
import org.springframework.stereotype.Component;

/** Serve the filtered, {@code _id}-ordered list queries without a sort in memory. */
@Component
class DealIndexes implements ReadModelIndexes {

    @Override
    public String collection() {
        return DealRepository.COLLECTION;
    }

    @Override
    public List<IndexModel> indexes() {
        return List.of(
                new IndexModel(Indexes.ascending("stage", "_id")),
                new IndexModel(Indexes.ascending("ownerId", "_id")),
                new IndexModel(Indexes.ascending("pipelineId", "_id")));
    }
}
