package dev.tokenwise.pricing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import dev.tokenwise.common.security.AdminAuth;
import dev.tokenwise.common.security.Caller;

@Path("/api/admin/prices")
@AdminAuth
public class PriceAdminResource {

    /** USD per million tokens; {@code effective_from} defaults to today (UTC). */
    public record PriceUpdate(
            @NotNull @DecimalMin(value = "0", message = "must be 0 or more") BigDecimal input,
            @NotNull @DecimalMin(value = "0", message = "must be 0 or more") BigDecimal cachedInput,
            @NotNull @DecimalMin(value = "0", message = "must be 0 or more") BigDecimal cacheWrite,
            @NotNull @DecimalMin(value = "0", message = "must be 0 or more") BigDecimal output,
            LocalDate effectiveFrom) {
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
    public ModelPrice put(@PathParam("model") String model, @NotNull @Valid PriceUpdate body) {
        return prices.put(model, body, caller.name());
    }
}
