package dev.tokenwise.usage.otlp;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tokenwise.usage.IngestLimits;
import dev.tokenwise.usage.UsageParser;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;

/**
 * Picks the usage metrics out of an OTLP export (docs/contract.md §5.3) and turns each data point into an
 * {@link OtlpSample}, or a rejection with a reason. Other metrics are accepted and ignored. What a point counts is
 * each agent's own ({@link TokenMetric}: Claude Code, GenAI semantic conventions, Codex, Gemini CLI); the checks
 * here are common to all.
 */
@ApplicationScoped
public class OtlpMapper {

    static final String CC_TOKENS = ClaudeCodeMetric.TOKENS;
    static final String CC_COST = ClaudeCodeMetric.COST;

    record Mapped(List<OtlpSample> samples, int rejected, List<String> reasons) {
    }

    private static final long EARLIEST_NANOS = nanos(IngestLimits.EARLIEST);
    private static final long END_NANOS = nanos(IngestLimits.END);

    private final Clock clock;

    public OtlpMapper(Clock clock) {
        this.clock = clock;
    }

    Mapped map(ExportMetricsServiceRequest request) {
        List<OtlpSample> samples = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        int[] rejected = { 0 };
        long latest = nanos(clock.instant().plus(UsageParser.MAX_FUTURE));
        for (ResourceMetrics rm : request.getResourceMetricsList()) {
            Map<String, String> resource = attributes(rm.getResource().getAttributesList());
            // Note: per resource, because a collector may batch several services into one export.
            boolean costFromExport = rm.getScopeMetricsList().stream()
                    .flatMap(s -> s.getMetricsList().stream()).anyMatch(m -> CC_COST.equals(m.getName()));
            for (ScopeMetrics sm : rm.getScopeMetricsList()) {
                for (Metric m : sm.getMetricsList()) {
                    String name = m.getName();
                    TokenMetric family = TokenMetric.of(name);
                    if (family == null) {
                        continue;
                    }
                    Ctx ctx = new Ctx(name, family, resource, costFromExport, latest, samples, reasons, rejected);
                    switch (m.getDataCase()) {
                        case SUM -> m.getSum().getDataPointsList().forEach(p -> ctx.number(p,
                                m.getSum().getAggregationTemporality()));
                        case HISTOGRAM -> m.getHistogram().getDataPointsList().forEach(p -> ctx.histogram(p,
                                m.getHistogram().getAggregationTemporality()));
                        default -> ctx.reject(count(m), name + " must be a Sum or a Histogram");
                    }
                }
            }
        }
        return new Mapped(samples, rejected[0], reasons);
    }

    private static int count(Metric m) {
        return switch (m.getDataCase()) {
            case GAUGE -> m.getGauge().getDataPointsCount();
            case EXPONENTIAL_HISTOGRAM -> m.getExponentialHistogram().getDataPointsCount();
            case SUMMARY -> m.getSummary().getDataPointsCount();
            default -> 0;
        };
    }

    private record Ctx(String metric, TokenMetric family, Map<String, String> resource, boolean costFromExport,
            long latestNanos,
            List<OtlpSample> out, List<String> reasons, int[] rejected) {

        void reject(int n, String reason) {
            rejected[0] += n;
            if (reasons.size() < 5 && !reasons.contains(reason)) {
                reasons.add(reason);
            }
        }

        void number(NumberDataPoint p, AggregationTemporality t) {
            double v = p.getValueCase() == NumberDataPoint.ValueCase.AS_INT ? p.getAsInt() : p.getAsDouble();
            if (p.getValueCase() == NumberDataPoint.ValueCase.VALUE_NOT_SET) {
                reject(1, metric + ": data point without a value");
                return;
            }
            point(attributes(p.getAttributesList()), p.getStartTimeUnixNano(), p.getTimeUnixNano(), v, t);
        }

        void histogram(HistogramDataPoint p, AggregationTemporality t) {
            if (!p.hasSum()) {
                reject(1, metric + ": histogram data point without a sum");
                return;
            }
            point(attributes(p.getAttributesList()), p.getStartTimeUnixNano(), p.getTimeUnixNano(), p.getSum(), t);
        }

        private void point(Map<String, String> attrs, long start, long time, double value, AggregationTemporality t) {
            Map<String, String> all = new TreeMap<>(resource);
            all.putAll(attrs);
            TokenMetric.Type type = family.type(metric, all);
            if (type == TokenMetric.Type.IGNORED) {
                return; // e.g. Codex's total, which repeats the other types: not used, so never a reason to reject
            }
            if (t != AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA
                    && t != AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE) {
                reject(1, metric + ": aggregation temporality must be DELTA or CUMULATIVE");
                return;
            }
            if (time <= 0) {
                reject(1, metric + ": data point without time_unix_nano");
                return;
            }
            if (time < EARLIEST_NANOS || time >= END_NANOS) {
                reject(1, metric + ": time_unix_nano " + IngestLimits.TIME_RANGE);
                return;
            }
            if (time > latestNanos) {
                reject(1, metric + ": data point more than 5 minutes in the future");
                return;
            }
            if (!Double.isFinite(value) || value < 0) {
                reject(1, metric + ": value must be a number ≥ 0");
                return;
            }
            // A cumulative value bounds every delta taken from it, so bounding the value bounds each event.
            if (metric.equals(CC_COST) ? value > IngestLimits.MAX_COST_USD : value > IngestLimits.MAX_TOKENS) {
                reject(1, metric + (metric.equals(CC_COST) ? ": value must be at most 1000000 (10^6 USD)"
                        : ": value must be at most " + IngestLimits.MAX_TOKENS + " (10^12 tokens)"));
                return;
            }
            if (type.kind() == null) {
                reject(1, type.problem());
                return;
            }
            OtlpSample.Kind kind = type.kind();
            String model = family.model(all);
            if (model == null || model.isBlank()) {
                reject(1, metric + ": data point without a model attribute");
                return;
            }
            String modelProblem = IngestLimits.lowerCasedProblem(model, IngestLimits.MODEL);
            if (modelProblem != null) {
                reject(1, metric + ": attribute model " + modelProblem);
                return;
            }
            String serviceProblem = OtlpLabels.serviceProblem(all.get("service.name"));
            if (serviceProblem != null) {
                reject(1, metric + ": " + serviceProblem);
                return;
            }
            OtlpLabels.Read read = OtlpLabels.read(all::get, family.session(all));
            if (read.problem() != null) {
                reject(1, metric + ": " + read.problem());
                return;
            }
            OtlpLabels l = read.labels();
            String tool = family.tool(metric, all.get("service.name")).toLowerCase(Locale.ROOT);
            if (tool.length() > IngestLimits.TOOL) {
                tool = tool.substring(0, IngestLimits.TOOL);
            }
            String key = seriesKey(metric, resource, attrs);
            String pairKey = null;
            if (family.pairedBy() != null) {
                // docs/contract.md §5.3: the token types of one session and model are combined per export.
                Map<String, String> rest = new TreeMap<>(attrs);
                rest.remove(family.pairedBy());
                pairKey = seriesKey("pair\u0000" + metric, resource, rest);
            }
            out.add(new OtlpSample(key, pairKey, t == AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE, start, time,
                    value, kind, l.team(), l.repo(), l.workflow(), tool, model.trim(), l.session(), l.pullRequest(),
                    l.actor(), costFromExport && metric.equals(CC_TOKENS)));
        }
    }

    static Map<String, String> attributes(List<KeyValue> kvs) {
        Map<String, String> m = new TreeMap<>();
        for (KeyValue kv : kvs) {
            m.put(kv.getKey(), text(kv.getValue()));
        }
        return m;
    }

    static String text(AnyValue v) {
        return switch (v.getValueCase()) {
            case STRING_VALUE -> v.getStringValue();
            case INT_VALUE -> Long.toString(v.getIntValue());
            case DOUBLE_VALUE -> Double.toString(v.getDoubleValue());
            case BOOL_VALUE -> Boolean.toString(v.getBoolValue());
            default -> v.toString().trim();
        };
    }

    /** docs/contract.md §5.3: a series is the metric with its resource and point attributes. */
    static String seriesKey(String metric, Map<String, String> resource, Map<String, String> point) {
        StringBuilder sb = new StringBuilder(metric);
        resource.forEach((k, v) -> sb.append("\u0000r").append(k).append('=').append(v));
        point.forEach((k, v) -> sb.append("\u0000p").append(k).append('=').append(v));
        return sha256(sb.toString());
    }

    static String sha256(String s) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static long nanos(Instant t) {
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }
}
