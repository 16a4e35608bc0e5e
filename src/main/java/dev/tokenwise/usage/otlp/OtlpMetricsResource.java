package dev.tokenwise.usage.otlp;

import java.util.Set;

import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.tokenwise.common.security.IngestAuth;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsPartialSuccess;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;

/**
 * {@code POST /v1/metrics}: OTLP/HTTP metrics export (docs/contract.md §5.3), binary protobuf or OTLP JSON,
 * optionally gzip.
 * Answers as the OTLP specification says: 200 with an {@code ExportMetricsServiceResponse} in the request's
 * encoding ({@code partial_success} when points were rejected), 400 with a {@code google.rpc.Status} when the
 * body cannot be parsed at all.
 */
@Path("/v1/metrics")
@IngestAuth
public class OtlpMetricsResource {

    /** Exemplars hold hex trace and span ids, which we do not use. */
    private static final Set<String> DROPPED = Set.of("exemplars");

    private final OtlpMapper mapper;
    private final OtlpMetricsService service;
    private final ObjectMapper json;

    public OtlpMetricsResource(OtlpMapper mapper, OtlpMetricsService service, ObjectMapper json) {
        this.mapper = mapper;
        this.service = service;
        this.json = json;
    }

    @POST
    public Response export(byte[] body, @HeaderParam("Content-Type") String contentType,
            @HeaderParam("Content-Encoding") String contentEncoding) {
        boolean proto = OtlpHttp.protobuf(contentType);
        ExportMetricsServiceRequest request;
        try {
            request = OtlpHttp.read(json, body, contentEncoding, proto, ExportMetricsServiceRequest.newBuilder(),
                    "ExportMetricsServiceRequest", DROPPED).build();
        } catch (OtlpHttp.Unreadable e) {
            return e.response;
        }
        OtlpMapper.Mapped mapped = mapper.map(request);
        service.store(mapped.samples());
        ExportMetricsServiceResponse.Builder answer = ExportMetricsServiceResponse.newBuilder();
        if (mapped.rejected() > 0) {
            answer.setPartialSuccess(ExportMetricsPartialSuccess.newBuilder()
                    .setRejectedDataPoints(mapped.rejected())
                    .setErrorMessage(String.join("; ", mapped.reasons())));
        }
        return OtlpHttp.encode(200, answer.build(), proto);
    }
}
