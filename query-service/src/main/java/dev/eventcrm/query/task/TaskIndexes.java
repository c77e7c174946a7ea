package dev.eventcrm.query.task;

import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.Indexes;
import dev.eventcrm.query.mongo.ReadModelIndexes;
import org.springframework.stereotype.Component;

import java.util.List;

/** Serve the filtered lists, in due order, without a sort in memory. */
@Component
class TaskIndexes implements ReadModelIndexes {

    @Override
    public String collection() {
        return TaskRepository.COLLECTION;
    }

    @Override
    public List<IndexModel> indexes() {
        return List.of(
                new IndexModel(Indexes.ascending("assigneeId", "status", "dueAt", "_id")),
                new IndexModel(Indexes.ascending("status", "dueAt", "_id")),
                new IndexModel(Indexes.ascending("contactId", "dueAt", "_id")),
                new IndexModel(Indexes.ascending("dealId", "dueAt", "_id")));
    }
}
