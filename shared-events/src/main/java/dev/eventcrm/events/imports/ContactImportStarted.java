package dev.eventcrm.events.imports;

import java.util.Map;

/**
 * A CSV file of contacts was accepted for import; its rows follow as ContactCreated events (channel IMPORT, the
 * import's correlation id).
 *
 * @param fileName  the uploaded file's name; null when the CSV was the request body
 * @param totalRows the file's data rows, empty lines not counted
 * @param columns   header -> field of each column read ({@code "Телефон" -> "phone"})
 */
public record ContactImportStarted(String importId, String fileName, long totalRows, Map<String, String> columns) {
    public ContactImportStarted {
        columns = columns == null ? Map.of() : Map.copyOf(columns);
    }
}
