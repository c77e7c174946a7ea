package dev.eventcrm.command.nextstep;

import dev.eventcrm.command.CommandServiceProperties;
import dev.eventcrm.command.eventstore.InsertIfAbsent;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.util.Optional;

/** {@link NextSteps} in {@code deal_next_step}; the JdbcTemplate joins the command's transaction. */
@Component
class JdbcNextSteps implements NextSteps {

    private static final String SELECT = "SELECT deal_id, deal_open, task_id FROM deal_next_step WHERE deal_id = ?";
    private static final RowMapper<Slot> SLOT = (row, i) -> new Slot(row.getString(1), row.getBoolean(2),
            row.getString(3));

    private final JdbcTemplate jdbc;
    private final InsertIfAbsent inserts;

    JdbcNextSteps(JdbcTemplate jdbc, CommandServiceProperties properties) {
        this.jdbc = jdbc;
        this.inserts = new InsertIfAbsent(jdbc, properties);
    }

    @Override
    public void opened(String dealId) {
        jdbc.update("INSERT INTO deal_next_step (deal_id, deal_open, task_id) VALUES (?, TRUE, NULL)", dealId);
    }

    @Override
    public void dealOpen(String dealId, boolean open) {
        if (update(dealId, open) == 0
                && !inserts.insert("INSERT INTO deal_next_step (deal_id, deal_open, task_id) VALUES (?, ?, NULL)",
                "deal_id", dealId, open)) {
            // the backfill recorded the deal meanwhile (its insert committed first): this change still applies
            update(dealId, open);
        }
    }

    private int update(String dealId, boolean open) {
        return jdbc.update("UPDATE deal_next_step SET deal_open = ? WHERE deal_id = ?", open, dealId);
    }

    @Override
    public Optional<Slot> lock(String dealId) {
        return jdbc.query(SELECT + " FOR UPDATE", SLOT, dealId).stream().findFirst();
    }

    @Override
    public Optional<Slot> find(String dealId) {
        return jdbc.query(SELECT, SLOT, dealId).stream().findFirst();
    }

    @Override
    public void current(String dealId, String taskId) {
        jdbc.update("UPDATE deal_next_step SET task_id = ? WHERE deal_id = ?", taskId, dealId);
    }
}
