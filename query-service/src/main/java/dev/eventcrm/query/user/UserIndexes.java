package dev.eventcrm.query.user;

import java.util.List;

import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.Indexes;
import dev.eventcrm.query.mongo.ReadModelIndexes;
import org.springframework.stereotype.Component;

/** Serve the filtered, {@code _id}-ordered list queries without a sort in memory. */
@Component
class UserIndexes implements ReadModelIndexes {

    @Override
    public String collection() {
        return UserRepository.COLLECTION;
    }

    @Override
    public List<IndexModel> indexes() {
        return List.of(
                new IndexModel(Indexes.ascending("teamId", "_id")),
                new IndexModel(Indexes.ascending("role", "_id")));
    }
}
