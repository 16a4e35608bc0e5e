package dev.tokenwise.usage.otlp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;

import dev.tokenwise.common.security.IngestAuth;
import dev.tokenwise.usage.IngestBodies;
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

    static final String PROTOBUF = "application/x-protobuf";
    static final String JSON = "application/json";

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
        String type = IngestBodies.mediaType(contentType);
        boolean proto = PROTOBUF.equals(type) || "application/protobuf".equals(type);
        if (!proto && !JSON.equals(type)) {
            throw IngestBodies.unsupported(contentType, PROTOBUF + " or " + JSON);
        }
        byte[] raw = IngestBodies.decode(body, contentEncoding);
        ExportMetricsServiceRequest request;
        try {
            request = proto ? ExportMetricsServiceRequest.parseFrom(raw) : parseJson(raw);
        } catch (IngestBodies.TrailingContentException e) {
            return status(400, 3, "The body has content after its JSON value; send one OTLP "
                    + "ExportMetricsServiceRequest per request.", proto);
        } catch (IOException | RuntimeException e) {
            return status(400, 3, "The body is not a valid OTLP ExportMetricsServiceRequest ("
                    + (proto ? "protobuf" : "JSON") + ").", proto);
        }
        OtlpMapper.Mapped mapped = mapper.map(request);
        service.store(mapped.samples());
        ExportMetricsServiceResponse.Builder answer = ExportMetricsServiceResponse.newBuilder();
        if (mapped.rejected() > 0) {
            answer.setPartialSuccess(ExportMetricsPartialSuccess.newBuilder()
                    .setRejectedDataPoints(mapped.rejected())
                    .setErrorMessage(String.join("; ", mapped.reasons())));
        }
        return encode(200, answer.build(), proto);
    }

    /**
     * OTLP JSON is protobuf JSON with two twists JsonFormat does not know: ids are hex instead of base64 (they only
     * occur in exemplars, which we do not use, so those are dropped), and unknown fields must be ignored.
     */
    private ExportMetricsServiceRequest parseJson(byte[] raw) throws IOException {
        JsonNode tree = IngestBodies.singleValue(json, raw);
        if (tree == null || !tree.isObject()) {
            throw new InvalidProtocolBufferException("not a JSON object");
        }
        dropExemplars(tree);
        ExportMetricsServiceRequest.Builder b = ExportMetricsServiceRequest.newBuilder();
        JsonFormat.parser().ignoringUnknownFields().merge(json.writeValueAsString(tree), b);
        return b.build();
    }

    private static void dropExemplars(JsonNode n) {
        if (n.isObject()) {
            ((ObjectNode) n).remove("exemplars");
            n.forEach(OtlpMetricsResource::dropExemplars);
        } else if (n.isArray()) {
            n.forEach(OtlpMetricsResource::dropExemplars);
        }
    }

    private static Response encode(int status, ExportMetricsServiceResponse message, boolean proto) {
        if (proto) {
            return Response.status(status).type(PROTOBUF).entity(message.toByteArray()).build();
        }
        try {
            return Response.status(status).type(JSON)
                    .entity(JsonFormat.printer().omittingInsignificantWhitespace().print(message)).build();
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A {@code google.rpc.Status} (code, message), written by hand: the common protos are not on the classpath. */
    private static Response status(int http, int code, String message, boolean proto) {
        if (proto) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try {
                CodedOutputStream out = CodedOutputStream.newInstance(bytes);
                out.writeInt32(1, code);
                out.writeString(2, message);
                out.flush();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return Response.status(http).type(PROTOBUF).entity(bytes.toByteArray()).build();
        }
        String body = "{\"code\":" + code + ",\"message\":\"" + message.replace("\"", "'") + "\"}";
        return Response.status(http).type(JSON).entity(body.getBytes(StandardCharsets.UTF_8)).build();
    }
}
