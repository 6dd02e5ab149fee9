package io.dsync.job.run;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.JobID;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads a running job's metrics through Flink's REST API (the same figures the web dashboard and
 * the metrics reporters show): per operator, a metric summed (or its maximum) over all subtasks,
 * and the latest completed checkpoint.
 */
public final class JobMetrics implements JobFigures {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI rest;
    private final JobID job;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, String> vertexIds = new HashMap<>();
    private final Map<String, List<String>> metricIds = new HashMap<>();

    public JobMetrics(URI rest, JobID job) {
        this.rest = rest;
        this.job = job;
    }

    /** The job's state as the REST API reports it (RUNNING, FINISHED...). */
    public String state() throws IOException, InterruptedException {
        return get("/jobs/" + job).path("state").asText();
    }

    /**
     * {@inheritDoc} Here: for each name, the value of the metric whose id ends with it. Flink's
     * REST API answers from its copy of the metrics, which a request only schedules to refresh: a
     * value is as old as the previous request (at least a second).
     */
    @Override
    public Map<String, Double> operator(String operator, String agg, String... names)
            throws IOException, InterruptedException {
        String vertex = vertexId(operator);
        Map<String, Double> values = new HashMap<>();
        if (vertex == null) {
            return values;
        }
        String base = "/jobs/" + job + "/vertices/" + vertex + "/subtasks/metrics";
        List<String> available = metricIds.get(vertex);
        if (available == null || !containsAll(available, names)) {
            available = new ArrayList<>();
            for (JsonNode metric : get(base)) {
                available.add(metric.path("id").asText());
            }
            metricIds.put(vertex, available);
        }
        Map<String, String> idToName = new HashMap<>();
        for (String name : names) {
            String id = operatorLevelId(available, name);
            if (id != null) {
                idToName.put(id, name);
            }
        }
        if (idToName.isEmpty()) {
            return values;
        }
        JsonNode result = get(base + "?agg=" + agg + "&get=" + String.join(",", idToName.keySet()));
        for (JsonNode metric : result) {
            String name = idToName.get(metric.path("id").asText());
            if (name != null && metric.has(agg)) {
                values.put(name, metric.path(agg).asDouble());
            }
        }
        return values;
    }

    /**
     * Every metric of the operator whose id contains {@code fragment} and ends with {@code suffix}
     * (per-namespace metrics, for example), aggregated as {@code agg} over the subtasks.
     */
    public Map<String, Double> matching(String operator, String agg, String fragment, String suffix)
            throws IOException, InterruptedException {
        return matching(operator, fragment, List.of(suffix), List.of(agg))
                .getOrDefault(agg, new HashMap<>());
    }

    /** {@inheritDoc} Here: from one listing and one query. */
    @Override
    public Map<String, Map<String, Double>> matching(
            String operator, String fragment, List<String> suffixes, List<String> aggs)
            throws IOException, InterruptedException {
        String vertex = vertexId(operator);
        Map<String, Map<String, Double>> values = new HashMap<>();
        if (vertex == null) {
            return values;
        }
        String base = "/jobs/" + job + "/vertices/" + vertex + "/subtasks/metrics";
        List<String> ids = new ArrayList<>();
        for (JsonNode metric : get(base)) {
            String id = metric.path("id").asText();
            if (id.contains(fragment) && suffixes.stream().anyMatch(id::endsWith)) {
                ids.add(id);
            }
        }
        if (ids.isEmpty()) {
            return values;
        }
        String query = "?agg=" + String.join(",", aggs) + "&get=" + String.join(",", ids);
        for (JsonNode metric : get(base + query)) {
            for (String agg : aggs) {
                if (metric.has(agg)) {
                    values.computeIfAbsent(agg, a -> new HashMap<>())
                            .put(metric.path("id").asText(), metric.path(agg).asDouble());
                }
            }
        }
        return values;
    }

    /** The id of the latest completed checkpoint, or -1. */
    public long lastCompletedCheckpoint() throws IOException, InterruptedException {
        JsonNode completed = get("/jobs/" + job + "/checkpoints").path("latest").path("completed");
        return completed.isMissingNode() || completed.isNull()
                ? -1
                : completed.path("id").asLong(-1);
    }

    /**
     * The id of the operator-level metric {@code name} among a vertex's metric ids: the shortest
     * one ending with it. A vertex can hold several ids ending with the same name (a sink's
     * per-namespace {@code ...namespace.db.coll.documentsWritten} beside its own {@code
     * ...Writer.documentsWritten}, or two chained operators), and their order in Flink's answer is
     * not defined.
     */
    static String operatorLevelId(List<String> available, String name) {
        String best = null;
        for (String id : available) {
            if ((id.equals(name) || id.endsWith("." + name))
                    && (best == null || id.length() < best.length())) {
                best = id;
            }
        }
        return best;
    }

    private static boolean containsAll(List<String> available, String... names) {
        for (String name : names) {
            if (operatorLevelId(available, name) == null) {
                return false;
            }
        }
        return true;
    }

    private String vertexId(String operator) throws IOException, InterruptedException {
        String id = vertexIds.get(operator);
        if (id == null) {
            for (JsonNode vertex : get("/jobs/" + job).path("vertices")) {
                if (vertex.path("name").asText().contains(operator)) {
                    id = vertex.path("id").asText();
                    vertexIds.put(operator, id);
                    break;
                }
            }
        }
        return id;
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        HttpRequest request =
                HttpRequest.newBuilder(rest.resolve(path)).timeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("Flink REST " + path + " answered " + response.statusCode());
        }
        return JSON.readTree(response.body());
    }
}
