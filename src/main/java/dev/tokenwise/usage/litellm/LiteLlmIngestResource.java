package dev.tokenwise.usage.litellm;

import java.util.List;
import java.util.Objects;

import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;

import dev.tokenwise.common.error.ProblemException;
import dev.tokenwise.common.security.IngestAuth;
import dev.tokenwise.usage.IngestBodies;
import dev.tokenwise.usage.IngestItems;
import dev.tokenwise.usage.UsageEvent;
import dev.tokenwise.usage.UsageEvents;
import dev.tokenwise.usage.UsageWriter;

/**
 * {@code POST /ingest/litellm}: LiteLLM's {@code generic_api} logging callback, in any of its log formats
 * ({@code json_array}, {@code ndjson}, {@code single}).
 */
@Path("/ingest/litellm")
@IngestAuth
public class LiteLlmIngestResource {

    private final IngestItems items;
    private final LiteLlmMapper mapper;
    private final UsageEvents events;
    private final UsageWriter writer;

    public LiteLlmIngestResource(IngestItems items, LiteLlmMapper mapper, UsageEvents events, UsageWriter writer) {
        this.items = items;
        this.mapper = mapper;
        this.events = events;
        this.writer = writer;
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Response ingest(byte[] body, @HeaderParam("Content-Type") String contentType,
            @HeaderParam("Content-Encoding") String contentEncoding) {
        IngestBodies.JsonBody json = IngestBodies.jsonOrNdjson(body, contentType, contentEncoding);
        boolean ndjson = json.ndjson();
        byte[] raw = json.bytes();
        List<JsonNode> items;
        if (ndjson) {
            items = this.items.ndjsonItems(raw);
        } else {
            try {
                items = this.items.jsonItems(raw);
            } catch (ProblemException e) {
                // Note: LiteLLM may send its ndjson format labelled as application/json.
                if (!"malformed-json".equals(e.slug())) {
                    throw e;
                }
                items = this.items.ndjsonItems(raw);
            }
        }
        List<UsageEvent> batch = mapper.map(items).stream().filter(Objects::nonNull).map(events::create).toList();
        return Response.accepted(writer.write(batch)).build();
    }
}
