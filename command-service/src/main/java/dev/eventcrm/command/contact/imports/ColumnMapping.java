package dev.eventcrm.command.contact.imports;

import dev.eventcrm.api.ApiException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * The field each column of a file feeds: an explicit mapping ({@code {"<header>":"<field>"}}) for the headers it
 * names, the header's common name in English or Russian for the others; a column neither names is ignored.
 */
final class ColumnMapping {

    static final String MAPPING = "mapping";

    private final List<String> header;
    /** Per column; empty for a column that is ignored. */
    private final List<Optional<ContactField>> fields;

    private ColumnMapping(List<String> header, List<Optional<ContactField>> fields) {
        this.header = header;
        this.fields = fields;
    }

    /**
     * @param explicit header -> field name, headers compared trimmed and ignoring case; each must be a column of the
     *                 file and each field one of {@link ContactField#mappingNames()} (else a 400 naming
     *                 {@code mapping.<header>})
     */
    static ColumnMapping resolve(List<String> header, Map<String, String> explicit) {
        Map<String, ContactField> given = new LinkedHashMap<>();
        List<ApiException.FieldError> errors = new ArrayList<>();
        explicit.forEach((column, fieldName) -> {
            Optional<ContactField> field = ContactField.byMappingName(fieldName);
            if (field.isEmpty()) {
                errors.add(new ApiException.FieldError(MAPPING + "." + column,
                        "must be one of " + String.join(", ", ContactField.mappingNames())));
            } else if (header.stream().noneMatch(h -> key(h).equals(key(column)))) {
                errors.add(new ApiException.FieldError(MAPPING + "." + column, "is not a column of the file's header"));
            } else {
                given.put(key(column), field.get());
            }
        });
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        List<Optional<ContactField>> fields = header.stream()
                .map(h -> Optional.ofNullable(given.get(key(h))).or(() -> ContactField.guess(h))).toList();
        if (!fields.contains(Optional.of(ContactField.NAME))) {
            throw ApiException.invalid(explicit.isEmpty() ? ContactCsv.FILE : MAPPING, "no column holds the name: "
                    + "the header needs one such as name, full name, имя, фио or контакт, or a mapping to \"name\"");
        }
        return new ColumnMapping(header, fields);
    }

    /** The columns that feed a field, in file order. */
    List<Integer> columnsOf(ContactField field) {
        return IntStream.range(0, fields.size()).filter(i -> fields.get(i).equals(Optional.of(field))).boxed()
                .toList();
    }

    boolean has(ContactField field) {
        return !columnsOf(field).isEmpty();
    }

    String header(int column) {
        return header.get(column);
    }

    /** Header -> field of every column read, as the import's start records it. */
    Map<String, String> describe() {
        Map<String, String> described = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
            int column = i;
            fields.get(i).filter(field -> field != ContactField.IGNORE)
                    .ifPresent(field -> described.putIfAbsent(header.get(column), field.mappingName()));
        }
        return Collections.unmodifiableMap(described);
    }

    private static String key(String header) {
        return header.trim().toLowerCase(Locale.ROOT);
    }
}
