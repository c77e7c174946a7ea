package dev.eventcrm.query.report;

import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.Indexes;
import dev.eventcrm.query.mongo.ReadModelIndexes;
import org.springframework.stereotype.Component;

import java.util.List;

/** The forecast's open and won deals of a pipeline (the dynamics reads its day buckets by {@code _id}). */
@Component
class ReportIndexes implements ReadModelIndexes {

    @Override
    public String collection() {
        return ReportRepository.COLLECTION;
    }

    @Override
    public List<IndexModel> indexes() {
        return List.of(new IndexModel(Indexes.ascending("pipelineId", "status", "expectedCloseMonth")),
                new IndexModel(Indexes.ascending("pipelineId", "status", "wonAt")));
    }
}
