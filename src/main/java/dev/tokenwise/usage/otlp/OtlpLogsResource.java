package dev.tokenwise.usage.otlp;

import java.util.Set;

import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.tokenwise.common.security.IngestAuth;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsPartialSuccess;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;

/**
 * {@code POST /v1/logs}: OTLP/HTTP logs export (docs/contract.md §5.6), binary protobuf or OTLP JSON, optionally
 * gzip. The agent events Tokenwise uses become usage, agent errors and session commits; all other records are
 * accepted and ignored. Answers as the OTLP specification says: 200 with an {@code ExportLogsServiceResponse} in the
 * request's encoding ({@code partial_success} naming why records were rejected), 400 with a
 * {@code google.rpc.Status} when the body is not an export at all.
 */
@Path("/v1/logs")
@IngestAuth
public class OtlpLogsResource {

    /** Hex trace and span ids, which we do not use (and JsonFormat would read as base64). */
    private static final Set<String> DROPPED = Set.of("traceId", "spanId", "trace_id", "span_id");

    private final OtlpLogMapper mapper;
    private final OtlpLogsService service;
    private final ObjectMapper json;

    public OtlpLogsResource(OtlpLogMapper mapper, OtlpLogsService service, ObjectMapper json) {
        this.mapper = mapper;
        this.service = service;
        this.json = json;
    }

    @POST
    public Response export(byte[] body, @HeaderParam("Content-Type") String contentType,
            @HeaderParam("Content-Encoding") String contentEncoding) {
        boolean proto = OtlpHttp.protobuf(contentType);
        ExportLogsServiceRequest request;
        try {
            request = OtlpHttp.read(json, body, contentEncoding, proto, ExportLogsServiceRequest.newBuilder(),
                    "ExportLogsServiceRequest", DROPPED).build();
        } catch (OtlpHttp.Unreadable e) {
            return e.response;
        }
        OtlpLogMapper.Mapped mapped = mapper.map(request);
        service.store(mapped.items());
        ExportLogsServiceResponse.Builder answer = ExportLogsServiceResponse.newBuilder();
        if (mapped.rejected() > 0) {
            answer.setPartialSuccess(ExportLogsPartialSuccess.newBuilder()
                    .setRejectedLogRecords(mapped.rejected())
                    .setErrorMessage(String.join("; ", mapped.reasons())));
        }
        return OtlpHttp.encode(200, answer.build(), proto);
    }
}
