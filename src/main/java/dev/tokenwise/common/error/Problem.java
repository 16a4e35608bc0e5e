package dev.tokenwise.common.error;

import java.net.URI;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * RFC 9457 problem details, the body of every 4xx/5xx answer ({@code application/problem+json}).
 * {@code errors} names each bad item of a request (index, field, message) when there are several.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(URI type, String title, int status, String detail, String instance, List<Violation> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One bad item of a request. {@code index} is the item's position in a batch, null for a single object. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Violation(Integer index, String field, String message) {
    }

    public static Problem of(int status, String slug, String title, String detail) {
        return new Problem(type(slug), title, status, detail, null, null);
    }

    public static URI type(String slug) {
        return URI.create("https://tokenwise.dev/problems/" + slug);
    }
}
