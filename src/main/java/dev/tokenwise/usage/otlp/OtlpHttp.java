package dev.tokenwise.usage.otlp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;

import dev.tokenwise.usage.IngestBodies;

/**
 * OTLP/HTTP as both of our OTLP endpoints speak it ({@code /v1/metrics}, {@code /v1/logs}): binary protobuf or
 * OTLP JSON, optionally gzip; a 200 answer in the request's encoding, a 400 {@code google.rpc.Status} for a body
 * that is not the export it should be.
 */
final class OtlpHttp {

    static final String PROTOBUF = "application/x-protobuf";
    static final String JSON = "application/json";

    /** A body that could not be read as the expected export: the 400 answer to send. */
    static final class Unreadable extends Exception {
        final transient Response response;

        Unreadable(Response response) {
            super(null, null, false, false);
            this.response = response;
        }
    }

    private OtlpHttp() {
    }

    /** Whether the request is protobuf (else JSON); a 415 problem for any other media type. */
    static boolean protobuf(String contentType) {
        String type = IngestBodies.mediaType(contentType);
        boolean proto = PROTOBUF.equals(type) || "application/protobuf".equals(type);
        if (!proto && !JSON.equals(type)) {
            throw IngestBodies.unsupported(contentType, PROTOBUF + " or " + JSON);
        }
        return proto;
    }

    /**
     * The export in {@code builder}, read from the (decompressed) body. OTLP JSON is protobuf JSON with two twists
     * JsonFormat does not know: ids are hex instead of base64 (the fields named in {@code dropped} hold them or hold
     * them below; we use none, so they are removed first), and unknown fields must be ignored.
     */
    static <B extends Message.Builder> B read(ObjectMapper json, byte[] body, String contentEncoding, boolean proto,
            B builder, String export, Set<String> dropped) throws Unreadable {
        byte[] raw = IngestBodies.decode(body, contentEncoding);
        try {
            if (proto) {
                builder.mergeFrom(raw);
                return builder;
            }
            JsonNode tree = IngestBodies.singleValue(json, raw);
            if (tree == null || !tree.isObject()) {
                throw new InvalidProtocolBufferException("not a JSON object");
            }
            drop(tree, dropped);
            JsonFormat.parser().ignoringUnknownFields().merge(json.writeValueAsString(tree), builder);
            return builder;
        } catch (IngestBodies.TrailingContentException e) {
            throw new Unreadable(status(400, 3, "The body has content after its JSON value; send one OTLP " + export
                    + " per request.", proto));
        } catch (IOException | RuntimeException e) {
            throw new Unreadable(status(400, 3, "The body is not a valid OTLP " + export + " ("
                    + (proto ? "protobuf" : "JSON") + ").", proto));
        }
    }

    private static void drop(JsonNode n, Set<String> dropped) {
        if (n.isObject()) {
            ((ObjectNode) n).remove(dropped);
            n.forEach(c -> drop(c, dropped));
        } else if (n.isArray()) {
            n.forEach(c -> drop(c, dropped));
        }
    }

    /** A 200 (or other) answer carrying {@code message} in the request's encoding. */
    static Response encode(int status, Message message, boolean proto) {
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
    static Response status(int http, int code, String message, boolean proto) {
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
