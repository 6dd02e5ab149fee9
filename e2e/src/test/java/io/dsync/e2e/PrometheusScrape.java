package io.dsync.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Scrapes Flink's Prometheus reporters the way a Prometheus server would ({@code /metrics}). */
final class PrometheusScrape {

    private PrometheusScrape() {}

    /** The text of every reporter listening in {@code first .. first+count-1}, concatenated. */
    static String all(int first, int count) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        StringBuilder text = new StringBuilder();
        for (int port = first; port < first + count; port++) {
            HttpRequest request =
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/metrics"))
                            .timeout(Duration.ofSeconds(10))
                            .build();
            try {
                text.append(http.send(request, HttpResponse.BodyHandlers.ofString()).body());
            } catch (IOException nobodyThere) {
                // fewer processes than ports in the range
            }
        }
        return text.toString();
    }
}
