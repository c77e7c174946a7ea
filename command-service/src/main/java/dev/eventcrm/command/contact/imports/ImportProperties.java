package dev.eventcrm.command.contact.imports;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.nio.file.Path;
import java.time.Duration;

/**
 * CSV imports of contacts ({@code crm.imports.*}).
 *
 * @param workers           imports run at once on this instance (each one row after another); more wait their turn
 * @param maxFileSize       the largest file accepted (413 above it)
 * @param maxReportedRows   rows of each outcome (accepted, duplicate, rejected) kept in the per-row report; the
 *                          others are counted only
 * @param progressInterval  how often a running import stores its progress and emits ContactImportProgressed
 * @param heartbeatInterval how often an instance marks its imports (running or waiting) as alive
 * @param staleAfter        a running import whose heartbeat is older is taken as interrupted (its instance stopped)
 *                          and marked FAILED
 * @param tempDir           where uploads are kept while they are imported; null for the JVM's temporary directory
 */
@ConfigurationProperties("crm.imports")
public record ImportProperties(
        @DefaultValue("1") int workers,
        @DefaultValue("100MB") DataSize maxFileSize,
        @DefaultValue("1000") int maxReportedRows,
        @DefaultValue("1s") Duration progressInterval,
        @DefaultValue("10s") Duration heartbeatInterval,
        @DefaultValue("1m") Duration staleAfter,
        Path tempDir) {
}
