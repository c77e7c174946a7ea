package dev.eventcrm.query.invoice;

import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.Indexes;
import dev.eventcrm.query.mongo.ReadModelIndexes;
import org.springframework.stereotype.Component;

import java.util.List;

/** Serve the filtered lists, in due order, without a sort in memory. */
@Component
class InvoiceIndexes implements ReadModelIndexes {

    @Override
    public String collection() {
        return InvoiceRepository.COLLECTION;
    }

    @Override
    public List<IndexModel> indexes() {
        return List.of(
                new IndexModel(Indexes.ascending("status", "dueDate", "_id")),
                new IndexModel(Indexes.ascending("dealId", "dueDate", "_id")),
                new IndexModel(Indexes.ascending("contactId", "dueDate", "_id")));
    }
}
