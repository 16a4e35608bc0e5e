package dev.tokenwise.slack;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.ws.rs.Path;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import dev.tokenwise.slack.command.TokenwiseCommandListener;
import io.quarkus.test.junit.QuarkusTest;

/**
 * manifest.yaml is a valid Slack app manifest (Slack's official JSON Schema, offline copy in
 * src/test/resources/slack/manifest-schema) and stays in step with the code: the command, the request URLs
 * (our route), and every registered subcommand in the usage hint.
 */
@QuarkusTest
class ManifestTest {

    static final String SCHEMA_BASE = "https://raw.githubusercontent.com/slackapi/manifest-schema/v0.5.0/schemas/";

    @Inject
    TokenwiseCommandListener commands;

    static JsonNode manifest() throws IOException {
        return new ObjectMapper(new YAMLFactory()).readTree(new File("manifest.yaml"));
    }

    static JsonSchema schema() {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7,
                b -> b.schemaMappers(m -> m.mapPrefix(SCHEMA_BASE, "classpath:slack/manifest-schema/schemas/")));
        return factory.getSchema(SchemaLocation.of("classpath:slack/manifest-schema/manifest.schema.json"));
    }

    @Test
    void isValidAgainstSlacksManifestSchema() throws IOException {
        Set<ValidationMessage> errors = schema().validate(manifest());
        assertThat(errors.toString(), errors, empty());
    }

    @Test
    void theSchemaRejectsSlacksInvalidExample() throws IOException {
        JsonNode invalid = new ObjectMapper().readTree(getClass()
                .getResource("/slack/manifest-schema/examples/v2/manifest.invalid.json"));
        assertThat(schema().validate(invalid), not(empty()));
        JsonNode valid = new ObjectMapper().readTree(getClass()
                .getResource("/slack/manifest-schema/examples/v2/manifest.valid.json"));
        assertThat(schema().validate(valid).toString(), schema().validate(valid), empty());
    }

    @Test
    void commandAndUrlsMatchTheRoutes() throws IOException {
        JsonNode m = manifest();
        String route = SlackEventsResource.class.getAnnotation(Path.class).value();
        JsonNode command = m.at("/features/slash_commands/0");
        assertEquals(SlackAppProducer.COMMAND, command.path("command").asText());
        assertEquals(1, m.at("/features/slash_commands").size());
        for (String url : List.of(command.path("url").asText(), m.at("/settings/interactivity/request_url").asText(),
                m.at("/settings/event_subscriptions/request_url").asText())) {
            assertEquals(route, URI.create(url).getPath(), url);
        }
        assertTrue(m.at("/settings/interactivity/is_enabled").asBoolean());
        assertTrue(command.path("should_escape").asBoolean(), "mentions must arrive as <@U…> to be refused");
        List<String> events = new ArrayList<>();
        m.at("/settings/event_subscriptions/bot_events").forEach(e -> events.add(e.asText()));
        assertEquals(List.of("app_home_opened", "member_joined_channel"), events);
    }

    @Test
    void theUsageHintNamesEveryRegisteredSubcommand() throws IOException {
        String hint = manifest().at("/features/slash_commands/0/usage_hint").asText();
        assertEquals(Set.of("help", "cost-per-pr", "impact", "dora", "routing", "budget", "digest", "spikes", "admin"),
                Set.copyOf(commands.names()));
        for (String name : commands.names()) {
            assertThat(hint, containsString(name));
        }
    }

    @Test
    void asksForTheScopesItUsesAndNoMore() throws IOException {
        List<String> scopes = new ArrayList<>();
        manifest().at("/oauth_config/scopes/bot").forEach(s -> scopes.add(s.asText()));
        assertEquals(List.of("commands", "chat:write", "channels:history", "groups:history", "users:read",
                "channels:read", "groups:read", "files:write"), scopes);
        assertTrue(manifest().at("/oauth_config/scopes/user").isMissingNode());
    }
}
