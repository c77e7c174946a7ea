package dev.eventcrm.command.contact.imports;

import dev.eventcrm.api.ApiException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Supplier;

/**
 * Reading a CSV file of contacts row by row, never whole: UTF-8 with or without a byte order mark, {@code ,} or
 * {@code ;} as separator (whichever the header line has more of outside quotes), RFC 4180 quoting (separators and
 * line breaks inside quoted fields). The first row is the header.
 */
final class ContactCsv {

    static final String FILE = "file";

    private static final char BOM = '\uFEFF';
    /** A header line longer than this is not looked at whole to choose the separator. */
    private static final int HEADER_SCAN = 64 * 1024;

    /** @param rows data rows, empty lines not counted */
    record Layout(char delimiter, List<String> header, long rows) {
    }

    /** A data row; {@code number} counts rows as a spreadsheet does: the header is row 1. */
    record Row(long number, List<String> values) {
        boolean blank() {
            return values.stream().allMatch(String::isBlank);
        }
    }

    private ContactCsv() {
    }

    /**
     * Reads the whole file once, before anything is stored: its separator and header, and whether it is UTF-8 text
     * and CSV to the end. Anything else is a 400 naming {@code file}.
     */
    static Layout inspect(Path file) {
        char delimiter;
        try (BufferedReader reader = reader(file)) {
            delimiter = delimiter(reader);
        } catch (CharacterCodingException e) {
            throw notUtf8();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (Rows rows = open(file, delimiter)) {
            long count = 0;
            while (rows.hasNext()) {
                Row row = rows.next();
                if (row.values().stream().anyMatch(value -> value.indexOf('\0') >= 0)) {
                    throw ApiException.invalid(FILE, "is not a text file (row " + row.number() + " holds a NUL "
                            + "character)");
                }
                if (!row.blank()) {
                    count++;
                }
            }
            return new Layout(delimiter, rows.header(), count);
        }
    }

    /** The rows after the header; the caller closes them. */
    static Rows open(Path file, char delimiter) {
        try {
            return new Rows(file, delimiter);
        } catch (CharacterCodingException e) {
            throw notUtf8();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An iterator over the data rows of a file whose header has been read. */
    static final class Rows implements Iterator<Row>, AutoCloseable {
        private final CSVParser parser;
        private final Iterator<CSVRecord> records;
        private final List<String> header;

        private Rows(Path file, char delimiter) throws IOException {
            BufferedReader reader = reader(file);
            this.parser = CSVFormat.RFC4180.builder().setDelimiter(delimiter).setIgnoreEmptyLines(false).get()
                    .parse(reader);
            this.records = parser.iterator();
            try {
                CSVRecord first = nextRecord();
                if (first == null || first.stream().allMatch(String::isBlank)) {
                    throw ApiException.invalid(FILE, "has no header: its first row must name the columns (name, "
                            + "phone, email, ...)");
                }
                this.header = first.stream().map(String::trim).toList();
            } catch (RuntimeException e) {
                parser.close();
                throw e;
            }
        }

        List<String> header() {
            return header;
        }

        @Override
        public boolean hasNext() {
            return translated(records::hasNext);
        }

        @Override
        public Row next() {
            CSVRecord record = nextRecord();
            if (record == null) {
                throw new NoSuchElementException();
            }
            return new Row(record.getRecordNumber(), record.toList());
        }

        private CSVRecord nextRecord() {
            return translated(() -> records.hasNext() ? records.next() : null);
        }

        @Override
        public void close() {
            try {
                parser.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The parser reports a bad byte or a broken quote as an unchecked exception in the middle of iterating. */
    private static <T> T translated(Supplier<T> read) {
        try {
            return read.get();
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof CharacterCodingException) {
                throw notUtf8();
            }
            throw ApiException.invalid(FILE, "is not valid CSV: " + e.getCause().getMessage());
        }
    }

    private static ApiException notUtf8() {
        return ApiException.invalid(FILE, "is not UTF-8 text (save the spreadsheet as \"CSV UTF-8\")");
    }

    /** UTF-8 that fails on a malformed byte rather than replacing it, past a byte order mark. */
    private static BufferedReader reader(Path file) throws IOException {
        Reader decoding = new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8.newDecoder());
        BufferedReader reader = new BufferedReader(decoding, HEADER_SCAN);
        reader.mark(1);
        if (reader.read() != BOM) {
            reader.reset();
        }
        return reader;
    }

    /** {@code ;} when the header line has more of them than commas outside quotes, else {@code ,}. */
    private static char delimiter(BufferedReader reader) throws IOException {
        reader.mark(HEADER_SCAN);
        int commas = 0;
        int semicolons = 0;
        boolean quoted = false;
        for (int i = 0, c; i < HEADER_SCAN && (c = reader.read()) >= 0; i++) {
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == '\n' || c == '\r')) {
                break;
            } else if (!quoted && c == ',') {
                commas++;
            } else if (!quoted && c == ';') {
                semicolons++;
            }
        }
        reader.reset();
        return semicolons > commas ? ';' : ',';
    }
}
