package dev.eventcrm.query.funnel;

import java.util.List;

import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.Indexes;
import dev.eventcrm.query.mongo.ReadModelIndexes;
import org.springframework.stereotype.Component;

/** A cohort is one range of this index; owner and source filter the range's few documents. */
@Component
class FunnelIndexes implements ReadModelIndexes {

    @Override
    public String collection() {
        return FunnelRepository.COLLECTION;
    }

    @Override
    public List<IndexModel> indexes() {
        return List.of(new IndexModel(Indexes.ascending("pipelineId", "openedAt")));
    }
}
