package dev.tokenwise.usage;

/** The answer of every ingest endpoint: events newly stored, and events already known (same id). */
public record IngestResult(int accepted, int duplicates) {

    public IngestResult plus(IngestResult o) {
        return new IngestResult(accepted + o.accepted, duplicates + o.duplicates);
    }
}
