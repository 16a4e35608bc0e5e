package dev.tokenwise.sources;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Which report download links are followed (docs/contract.md §5.7): a link to the configured API's own origin, or
 * to a host the operator allows ({@code tokenwise.sources.github.report-hosts}); never to an address a response
 * merely names. A download host gets no credential: only the API's own origin does.
 */
final class ReportLinks {

    private final URI api;
    private final List<Pattern> hosts;

    ReportLinks(URI api, List<String> hostPatterns) {
        this.api = api;
        this.hosts = hostPatterns.stream().map(String::trim).filter(h -> !h.isEmpty())
                .map(h -> Pattern.compile(h.toLowerCase(Locale.ROOT).replace(".", "\\.").replace("*", "[a-z0-9-]*")))
                .toList();
    }

    /** The link, resolved against the API's URL when relative. */
    URI resolve(String link) {
        try {
            URI u = new URI(link);
            return u.isAbsolute() ? u : api.resolve(u);
        } catch (URISyntaxException e) {
            throw new SourceFailure("a report download link is not a URL");
        }
    }

    /** True when the link goes to the API's own origin (scheme, host and port): the only place the token goes. */
    boolean sameOrigin(URI link) {
        return Objects.equals(lower(link.getScheme()), lower(api.getScheme()))
                && Objects.equals(lower(link.getHost()), lower(api.getHost())) && port(link) == port(api);
    }

    /**
     * True when the link may be followed: the API's origin, or an allowed host over HTTPS (plain HTTP only when the
     * API itself is configured over HTTP, as in tests against a local fake).
     */
    boolean allowed(URI link) {
        if (sameOrigin(link)) {
            return true;
        }
        String scheme = lower(link.getScheme());
        boolean secure = "https".equals(scheme) || "http".equals(scheme) && "http".equals(lower(api.getScheme()));
        String host = lower(link.getHost());
        return secure && host != null && link.getUserInfo() == null
                && hosts.stream().anyMatch(p -> p.matcher(host).matches());
    }

    private static int port(URI u) {
        if (u.getPort() >= 0) {
            return u.getPort();
        }
        return "http".equalsIgnoreCase(u.getScheme()) ? 80 : 443;
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }
}
