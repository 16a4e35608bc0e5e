package dev.tokenwise.sources;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The last guard before a message about a source is stored, answered or logged: any configured credential in it
 * becomes {@code [redacted]}. Our messages never include one; this holds even if an exception's text should.
 */
@ApplicationScoped
public class SecretsRedactor {

    private final List<String> secrets;

    public SecretsRedactor(SourcesConfig config) {
        this.secrets = Stream.of(config.github().token(), config.anthropic().adminKey(), config.openai().adminKey())
                .flatMap(Optional::stream).filter(s -> s.length() >= 4).toList();
    }

    public String redact(String message) {
        if (message == null) {
            return null;
        }
        String out = message;
        for (String s : secrets) {
            out = out.replace(s, "[redacted]");
        }
        return out;
    }
}
