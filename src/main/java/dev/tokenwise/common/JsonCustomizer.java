package dev.tokenwise.common;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * The one ObjectMapper of the service (request bodies, webhook payloads, stored JSON):
 * <ul>
 * <li>money as plain decimals ({@code 12.5}, never {@code 1.25E+1});</li>
 * <li>a body is exactly one JSON value: content after it ({@code [...]}}}, or a second NDJSON line sent as
 * {@code application/json}) is a 400, never a silent partial read;</li>
 * <li>a fraction where a whole number is expected ({@code "min_contributors": 2.5}) is a 400, not truncated.</li>
 * </ul>
 */
@Singleton
public class JsonCustomizer implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
    }
}
