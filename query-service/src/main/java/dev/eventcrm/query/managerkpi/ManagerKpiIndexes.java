package dev.eventcrm.query.managerkpi;

import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.Indexes;
import dev.eventcrm.query.mongo.ReadModelIndexes;
import org.springframework.stereotype.Component;

import java.util.List;

/** The managers report's facts in a date range, and the activities about a new deal or its contact. */
@Component
class ManagerKpiIndexes implements ReadModelIndexes {

    @Override
    public String collection() {
        return ManagerKpiRepository.COLLECTION;
    }

    @Override
    public List<IndexModel> indexes() {
        return List.of(new IndexModel(Indexes.ascending("dates")),
                new IndexModel(Indexes.ascending("dealId", "dates")),
                new IndexModel(Indexes.ascending("contactId", "dates")));
    }
}
