package dev.eventcrm.command.company;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;

/** Companies by name, for an import's "company" column; kept by the Company aggregate in its transactions. */
public interface CompanyNames {

    /** Records the company's current name (on creation and on each rename). */
    void named(String companyId, String name);

    /** The companies with this name (as {@link #key} folds it), oldest id order first. */
    List<String> withName(String name);

    /** {@code ООО «Ромашка»}, {@code ооо "ромашка"} and {@code  ООО Ромашка } name one company. */
    static String key(String name) {
        return Normalizer.normalize(name, Normalizer.Form.NFKC).replaceAll("[\"'«»“”„`]", "").trim()
                .replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }
}
