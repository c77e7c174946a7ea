package dev.eventcrm.command.company;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;

/** {@link CompanyNames} in {@code company_name}; the JdbcTemplate joins the command's transaction. */
@Component
class JdbcCompanyNames implements CompanyNames {

    private final JdbcTemplate jdbc;

    JdbcCompanyNames(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void named(String companyId, String name) {
        if (jdbc.update("UPDATE company_name SET name_key = ? WHERE company_id = ?", CompanyNames.key(name),
                companyId) == 0) {
            jdbc.update("INSERT INTO company_name (company_id, name_key) VALUES (?, ?)", companyId,
                    CompanyNames.key(name));
        }
    }

    @Override
    public List<String> withName(String name) {
        return jdbc.queryForList("SELECT company_id FROM company_name WHERE name_key = ? ORDER BY company_id",
                String.class, CompanyNames.key(name));
    }
}
