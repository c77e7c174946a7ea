package dev.eventcrm.query.board;

import java.util.List;

import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.Indexes;
import dev.eventcrm.query.mongo.ReadModelIndexes;
import org.springframework.stereotype.Component;

/** A stage's newest deals without a sort in memory; its prefix finds a pipeline's deals for the totals. */
@Component
class BoardIndexes implements ReadModelIndexes {

    @Override
    public String collection() {
        return BoardRepository.COLLECTION;
    }

    @Override
    public List<IndexModel> indexes() {
        return List.of(new IndexModel(Indexes.compoundIndex(Indexes.ascending("pipelineId", "stage"),
                BoardRepository.NEWEST_FIRST)));
    }
}
