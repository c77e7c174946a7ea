package dev.eventcrm.query.stream;

import java.util.List;

import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import dev.eventcrm.query.mongo.ReadModelIndexes;
import org.springframework.stereotype.Component;

/** Position order for every stream query; per-aggregate streams replay without scanning the whole feed. */
@Component
class ChangeIndexes implements ReadModelIndexes {

    @Override
    public String collection() {
        return ChangeRepository.COLLECTION;
    }

    @Override
    public List<IndexModel> indexes() {
        return List.of(
                new IndexModel(Indexes.ascending("position"), new IndexOptions().unique(true)),
                new IndexModel(Indexes.ascending("aggregateId", "position")));
    }
}
