package dev.tokenwise.usage;

import java.util.ArrayList;
import java.util.List;

import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.tokenwise.agent.AgentEventRepository;
import dev.tokenwise.agent.SessionCommit;
import dev.tokenwise.common.security.IngestAuth;

/** {@code POST /ingest/usage} (docs/contract.md §5.2): usage events from any tool, as JSON or NDJSON. */
@Path("/ingest/usage")
@IngestAuth
public class UsageIngestResource {

    private final IngestItems items;
    private final UsageParser parser;
    private final UsageEvents events;
    private final UsageWriter writer;
    private final AgentEventRepository agents;

    public UsageIngestResource(IngestItems items, UsageParser parser, UsageEvents events, UsageWriter writer,
            AgentEventRepository agents) {
        this.items = items;
        this.parser = parser;
        this.events = events;
        this.writer = writer;
        this.agents = agents;
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Response ingest(byte[] body, @HeaderParam("Content-Type") String contentType,
            @HeaderParam("Content-Encoding") String contentEncoding) {
        IngestBodies.JsonBody json = IngestBodies.jsonOrNdjson(body, contentType, contentEncoding);
        var parsed = json.ndjson() ? items.ndjsonItems(json.bytes()) : items.jsonItems(json.bytes());
        List<UsageParser.Item> valid = parser.validate(parsed);
        List<UsageEvent> batch = new ArrayList<>(valid.size());
        List<SessionCommit> commits = new ArrayList<>();
        for (UsageParser.Item item : valid) {
            UsageEvent e = events.create(item.input());
            batch.add(e);
            if (item.commitSha() != null) {
                commits.add(new SessionCommit(e.sessionId(), item.commitSha(), e.teamId(), e.tool(), e.occurredAt()));
            }
        }
        if (commits.isEmpty()) {
            return Response.accepted(writer.write(batch)).build();
        }
        // The links commit with the events, in the same transaction (docs/contract.md §7.7).
        return Response.accepted(writer.write(() -> {
            agents.write(List.of(), List.of(), commits);
            return batch;
        }, batch.size())).build();
    }
}
