package dev.tokenwise.slack;

import com.slack.api.bolt.middleware.Middleware;
import com.slack.api.bolt.middleware.MiddlewareChain;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.response.Response;

/**
 * Bolt authorization for a single-workspace app, without Bolt's {@code SingleTeamAuthorization}: that one calls
 * {@code auth.test} on the first request, a live call we never want at start-up or in tests. The bot token is
 * simply put on the context, so {@code ctx.client()} works for the listeners that need it.
 */
final class StaticBotToken implements Middleware {

    private final String botToken;

    StaticBotToken(String botToken) {
        this.botToken = botToken;
    }

    @Override
    public Response apply(Request req, Response resp, MiddlewareChain chain) throws Exception {
        if (botToken != null) {
            req.getContext().setBotToken(botToken);
        }
        return chain.next(req);
    }
}
