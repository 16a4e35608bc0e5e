package dev.tokenwise.sources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which report download links are followed, and which get the token (docs/contract.md §5.7). */
class ReportLinksTest {

    static final ReportLinks GITHUB = new ReportLinks(URI.create("https://api.github.com/"),
            List.of("copilot-reports-*.b01.azurefd.net", "usagereports*.blob.core.windows.net"));

    @ParameterizedTest
    @CsvSource({
            "https://api.github.com/files/r.ndjson, true, true",
            "https://api.github.com:443/files/r.ndjson, true, true",
            "https://copilot-reports-production-abc123.b01.azurefd.net/r.ndjson?sig=x, true, false",
            "https://usagereports42.blob.core.windows.net/c/r.ndjson, true, false",
            "http://copilot-reports-production-abc.b01.azurefd.net/r.ndjson, false, false",
            "https://evil.b01.azurefd.net/r.ndjson, false, false",
            "https://copilot-reports-x.b01.azurefd.net.evil.example/r.ndjson, false, false",
            "https://a.b.copilot-reports-x.b01.azurefd.net/r.ndjson, false, false",
            "https://user@copilot-reports-x.b01.azurefd.net/r.ndjson, false, false",
            "https://api.github.com:8443/files/r.ndjson, false, false",
            "http://api.github.com/files/r.ndjson, false, false",
            "https://169.254.169.254/latest/meta-data, false, false" })
    void onlyTheApiAndTheAllowedReportHostsAreFollowedAndOnlyTheApiGetsTheToken(String link, boolean allowed,
            boolean token) {
        URI u = GITHUB.resolve(link);
        assertEquals(allowed, GITHUB.allowed(u), link);
        assertEquals(token, GITHUB.sameOrigin(u), link);
    }

    @ParameterizedTest
    @CsvSource({ "/reports/r.ndjson, https://api.github.com/reports/r.ndjson" })
    void aRelativeLinkIsOnTheApi(String link, String resolved) {
        URI u = GITHUB.resolve(link);
        assertEquals(URI.create(resolved), u);
        assertTrue(GITHUB.sameOrigin(u));
    }

    @ParameterizedTest
    @CsvSource({ "http://localhost:8123/r.ndjson, true", "http://127.0.0.2:8123/r.ndjson, false" })
    void plainHttpOnlyWhenTheApiItselfIsPlainHttp(String link, boolean allowed) {
        ReportLinks local = new ReportLinks(URI.create("http://127.0.0.1:8123/"), List.of("localhost"));
        assertEquals(allowed, local.allowed(URI.create(link)));
        assertFalse(local.sameOrigin(URI.create(link)));
    }
}
