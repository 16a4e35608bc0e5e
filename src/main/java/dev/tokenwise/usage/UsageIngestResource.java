package dev.tokenwise.usage;

import java.util.List;

import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.tokenwise.common.security.IngestAuth;

/** {@code POST /ingest/usage} (docs/contract.md §5.2): usage events from any tool, as JSON or NDJSON. */
@Path("/ingest/usage")
@IngestAuth
public class UsageIngestResource {

    private final IngestItems items;
    private final UsageParser parser;
    private final UsageEvents events;
    private final UsageWriter writer;

    public UsageIngestResource(IngestItems items, UsageParser parser, UsageEvents events, UsageWriter writer) {
        this.items = items;
        this.parser = parser;
        this.events = events;
        this.writer = writer;
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Response ingest(byte[] body, @HeaderParam("Content-Type") String contentType,
            @HeaderParam("Content-Encoding") String contentEncoding) {
        IngestBodies.JsonBody json = IngestBodies.jsonOrNdjson(body, contentType, contentEncoding);
        var parsed = json.ndjson() ? items.ndjsonItems(json.bytes()) : items.jsonItems(json.bytes());
        List<UsageEvent> batch = parser.validate(parsed).stream().map(events::create).toList();
        return Response.accepted(writer.write(batch)).build();
    }
}
