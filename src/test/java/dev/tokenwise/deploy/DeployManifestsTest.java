package dev.tokenwise.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The files under deploy/ parse as YAML and agree with each other, the Dockerfile and docs/contract.md §4: every service
 * variable is wired, two replicas, health probes on the Quarkus health endpoints. (No Docker or cluster here.)
 */
class DeployManifestsTest {

    /** docs/contract.md §4 variables (plus the datasource ones) the deployment must pass to the service. */
    static final Set<String> SERVICE_VARIABLES = Set.of("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN",
            "SLACK_API_URL", "GITHUB_WEBHOOK_SECRET", "GITLAB_WEBHOOK_SECRET", "TOKENWISE_INGEST_TOKEN",
            "TOKENWISE_ADMIN_TOKEN",
            "TOKENWISE_ADMINS", "TOKENWISE_PSEUDONYM_KEY", "QUARKUS_DATASOURCE_JDBC_URL",
            "QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD", "TOKENWISE_GITHUB_TOKEN",
            "TOKENWISE_GITHUB_ORG", "TOKENWISE_GITHUB_API_URL", "TOKENWISE_ANTHROPIC_ADMIN_KEY",
            "TOKENWISE_ANTHROPIC_API_URL", "TOKENWISE_OPENAI_ADMIN_KEY", "TOKENWISE_OPENAI_API_URL");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    static List<JsonNode> documents(Path file) throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
            while (it.hasNext()) {
                JsonNode doc = it.next();
                if (doc != null && !doc.isNull() && !doc.isMissingNode()) {
                    docs.add(doc);
                }
            }
        }
        return docs;
    }

    @Test
    void everyYamlFileUnderDeployParses() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(Path.of("deploy"))) {
            files = s.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).toList();
        }
        assertTrue(files.size() >= 6, files.toString());
        for (Path f : files) {
            assertTrue(!documents(f).isEmpty(), f + " has a document");
        }
    }

    @Test
    void composeRunsTheServiceOnPostgresWithEveryVariable() throws IOException {
        JsonNode compose = documents(Path.of("deploy/docker-compose.yml")).get(0);
        JsonNode app = compose.at("/services/tokenwise");
        assertEquals("src/main/docker/Dockerfile.jvm", app.at("/build/dockerfile").asText());
        assertTrue(Files.exists(Path.of("deploy").resolve(app.at("/build/context").asText())
                .resolve(app.at("/build/dockerfile").asText())));
        Set<String> env = new HashSet<>();
        app.get("environment").fieldNames().forEachRemaining(env::add);
        assertEquals(SERVICE_VARIABLES, env);
        assertTrue(app.at("/environment/QUARKUS_DATASOURCE_JDBC_URL").asText()
                .startsWith("jdbc:postgresql://postgres:"));
        assertEquals("service_healthy", app.at("/depends_on/postgres/condition").asText());
        assertTrue(compose.at("/services/postgres/image").asText().startsWith("postgres:"));
    }

    @Test
    void kubernetesHasTwoReplicasProbesAndEveryVariableFromConfigMapOrSecret() throws IOException {
        Path dir = Path.of("deploy/kubernetes");
        JsonNode deployment = documents(dir.resolve("deployment.yaml")).get(0);
        assertEquals("Deployment", deployment.get("kind").asText());
        assertEquals(2, deployment.at("/spec/replicas").asInt());
        JsonNode container = deployment.at("/spec/template/spec/containers/0");
        assertEquals("/q/health/live", container.at("/livenessProbe/httpGet/path").asText());
        assertEquals("/q/health/ready", container.at("/readinessProbe/httpGet/path").asText());
        assertEquals(8080, container.at("/ports/0/containerPort").asInt());
        assertEquals("tokenwise", container.at("/envFrom/0/configMapRef/name").asText());
        assertEquals("tokenwise", container.at("/envFrom/1/secretRef/name").asText());

        JsonNode configMap = documents(dir.resolve("configmap.yaml")).get(0);
        JsonNode secret = documents(dir.resolve("secret.yaml")).get(0);
        assertEquals("ConfigMap", configMap.get("kind").asText());
        assertEquals("Secret", secret.get("kind").asText());
        Set<String> keys = new HashSet<>();
        configMap.get("data").fieldNames().forEachRemaining(keys::add);
        Set<String> secretKeys = new HashSet<>();
        secret.get("stringData").fieldNames().forEachRemaining(secretKeys::add);
        assertTrue(secretKeys.stream().noneMatch(keys::contains), "a variable is either config or secret");
        keys.addAll(secretKeys);
        assertEquals(SERVICE_VARIABLES, keys);

        JsonNode service = documents(dir.resolve("service.yaml")).get(0);
        assertEquals(deployment.at("/spec/selector/matchLabels"), service.at("/spec/selector"));
        List<String> resources = new ArrayList<>();
        documents(dir.resolve("kustomization.yaml")).get(0).get("resources").forEach(r -> resources.add(r.asText()));
        assertEquals(List.of("configmap.yaml", "secret.yaml", "deployment.yaml", "service.yaml"), resources);
    }

    @Test
    void theDockerfileRunsThePackagedApplication() throws IOException {
        String dockerfile = Files.readString(Path.of("src/main/docker/Dockerfile.jvm"));
        assertTrue(dockerfile.contains("./mvnw package -Ppostgresql"));
        assertTrue(dockerfile.contains("COPY --chown=185 target/quarkus-app/lib/ /deployments/lib/"));
        assertTrue(dockerfile.contains("USER 185"));
        assertTrue(dockerfile.contains("EXPOSE 8080"));
    }
}
