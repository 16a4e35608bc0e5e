package dev.tokenwise.sources;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** A {@link SourcesConfig} for tests without Quarkus: the defaults, short waits, and the given URLs and keys. */
final class TestSourcesConfig implements SourcesConfig {

    private final String openAiUrl;
    private final String openAiKey;

    TestSourcesConfig(String openAiUrl, String openAiKey) {
        this.openAiUrl = openAiUrl;
        this.openAiKey = openAiKey;
    }

    @Override
    public String every() {
        return "off";
    }

    @Override
    public int initialDays() {
        return 28;
    }

    @Override
    public int attempts() {
        return 3;
    }

    @Override
    public Duration retryBase() {
        return Duration.ofMillis(10);
    }

    @Override
    public Duration backoffBase() {
        return Duration.ofMinutes(15);
    }

    @Override
    public Duration backoffMax() {
        return Duration.ofHours(6);
    }

    @Override
    public Duration lease() {
        return Duration.ofMinutes(10);
    }

    @Override
    public Duration httpTimeout() {
        return Duration.ofSeconds(5);
    }

    @Override
    public Github github() {
        return new Github() {
            @Override
            public Optional<String> token() {
                return Optional.empty();
            }

            @Override
            public Optional<String> org() {
                return Optional.empty();
            }

            @Override
            public String apiUrl() {
                return "https://api.github.com";
            }

            @Override
            public List<String> reportHosts() {
                return List.of();
            }
        };
    }

    @Override
    public Anthropic anthropic() {
        return new Anthropic() {
            @Override
            public Optional<String> adminKey() {
                return Optional.empty();
            }

            @Override
            public String apiUrl() {
                return "https://api.anthropic.com";
            }
        };
    }

    @Override
    public OpenAi openai() {
        return new OpenAi() {
            @Override
            public Optional<String> adminKey() {
                return Optional.ofNullable(openAiKey);
            }

            @Override
            public String apiUrl() {
                return openAiUrl;
            }
        };
    }
}
