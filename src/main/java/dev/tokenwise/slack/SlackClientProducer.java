package dev.tokenwise.slack;

import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;

/** One Slack SDK client for the process, pointed at SLACK_API_URL for every Web API call. */
public class SlackClientProducer {

    @Produces
    @Singleton
    Slack slack(SlackSettings settings) {
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(settings.methodsUrlPrefix());
        int timeout = (int) settings.httpTimeout().toMillis();
        config.setHttpClientReadTimeoutMillis(timeout);
        config.setHttpClientWriteTimeoutMillis(timeout);
        config.setHttpClientCallTimeoutMillis(timeout);
        // Note: keep request/response bodies out of the log (they carry tokens in form fields).
        config.setPrettyResponseLoggingEnabled(false);
        // Note: the SDK's call statistics resolve each token's team with auth.test; we need neither.
        config.setStatsEnabled(false);
        return Slack.getInstance(config);
    }

    void close(@Disposes Slack slack) throws Exception {
        slack.close();
    }
}
