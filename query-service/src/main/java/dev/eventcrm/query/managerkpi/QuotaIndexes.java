package dev.eventcrm.query.managerkpi;

import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.Indexes;
import dev.eventcrm.query.mongo.ReadModelIndexes;
import org.springframework.stereotype.Component;

import java.util.List;

/** The managers report's quotas of its managers and teams. */
@Component
class QuotaIndexes implements ReadModelIndexes {

    @Override
    public String collection() {
        return ManagerKpiRepository.QUOTAS;
    }

    @Override
    public List<IndexModel> indexes() {
        return List.of(new IndexModel(Indexes.ascending("managerId")), new IndexModel(Indexes.ascending("teamId")));
    }
}
