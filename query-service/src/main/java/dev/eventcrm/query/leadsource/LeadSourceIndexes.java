package dev.eventcrm.query.leadsource;

import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.Indexes;
import dev.eventcrm.query.mongo.ReadModelIndexes;
import org.springframework.stereotype.Component;

import java.util.List;

/** The contacts and deals of a date range by {@code at}; the spends of its months by {@code month}. */
@Component
class LeadSourceIndexes implements ReadModelIndexes {

    @Override
    public String collection() {
        return LeadSourceRepository.COLLECTION;
    }

    @Override
    public List<IndexModel> indexes() {
        return List.of(new IndexModel(Indexes.ascending("at")), new IndexModel(Indexes.ascending("month")));
    }
}
