package dev.tokenwise.pricing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import dev.tokenwise.common.error.Problem;
import dev.tokenwise.common.error.ProblemException;
import dev.tokenwise.common.security.AdminAuth;
import dev.tokenwise.common.security.Caller;

@Path("/api/admin/prices")
@AdminAuth
public class PriceAdminResource {

    /**
     * USD per million tokens; {@code effective_from} defaults to today (UTC); {@code vendor} (optional) is who sells
     * the model, kept for every day; {@code tier} ({@code premium}, {@code standard}, {@code economy}) defaults to the
     * model's tier so far. Validated in {@link PriceService}, all fields at once.
     */
    public record PriceUpdate(BigDecimal input, BigDecimal cachedInput, BigDecimal cacheWrite, BigDecimal output,
            LocalDate effectiveFrom, String vendor, String tier) {

        public PriceUpdate(BigDecimal input, BigDecimal cachedInput, BigDecimal cacheWrite, BigDecimal output,
                LocalDate effectiveFrom) {
            this(input, cachedInput, cacheWrite, output, effectiveFrom, null, null);
        }
    }

    private final PriceService prices;
    private final Caller caller;

    public PriceAdminResource(PriceService prices, Caller caller) {
        this.prices = prices;
        this.caller = caller;
    }

    @GET
    public List<ModelPrice> list() {
        return prices.all();
    }

    @PUT
    @Path("/{model}")
    public ModelPrice put(@PathParam("model") String model, PriceUpdate body) {
        if (body == null) {
            throw ProblemException.badRequest("Send the prices as a JSON object.",
                    List.of(new Problem.Violation(null, "body", "must be an object")));
        }
        return prices.put(model, body, caller.name());
    }
}
