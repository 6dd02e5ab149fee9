package io.dsync.connectors.sink;

import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The in-memory backend, answering {@code listCollections} like MongoDB does: with the options a
 * collection was created with, verbatim, and {@code type} "view" or "timeseries" where they apply.
 * The plain mongo-java-server drops create options, refuses capped collections and reports views
 * and time-series collections as ordinary ones; this stands in until our extended server on {@code
 * main} does it. Capped options are recorded but the collection is created uncapped.
 */
final class CollectionOptionsBackend extends MemoryBackend {

    /** Command fields that are not collection options. */
    private static final Set<String> NOT_OPTIONS =
            Set.of(
                    "create",
                    "$db",
                    "lsid",
                    "$clusterTime",
                    "$readPreference",
                    "writeConcern",
                    "comment",
                    "txnNumber");

    private static final Set<String> CAPPED_OPTIONS = Set.of("capped", "size", "max");

    private final Map<String, Document> optionsByNamespace = new ConcurrentHashMap<>();

    @Override
    @SuppressWarnings("unchecked")
    public Document handleCommand(
            Channel channel, String database, String command, Document query) {
        switch (command) {
            case "create" -> {
                Document options = new Document();
                Document forward = new Document();
                query.forEach(
                        (key, value) -> {
                            if (!NOT_OPTIONS.contains(key)) {
                                options.put(key, value);
                            }
                            if (!CAPPED_OPTIONS.contains(key)) {
                                forward.put(key, value);
                            }
                        });
                Document response = super.handleCommand(channel, database, command, forward);
                optionsByNamespace.put(database + "." + query.get("create"), options);
                return response;
            }
            case "drop" -> optionsByNamespace.remove(database + "." + query.get("drop"));
            case "dropDatabase" ->
                    optionsByNamespace.keySet().removeIf(ns -> ns.startsWith(database + "."));
            case "renameCollection" -> {
                Document response = super.handleCommand(channel, database, command, query);
                Document options =
                        optionsByNamespace.remove((String) query.get("renameCollection"));
                if (options != null) {
                    optionsByNamespace.put((String) query.get("to"), options);
                }
                return response;
            }
            case "listCollections" -> {
                Document response = super.handleCommand(channel, database, command, query);
                Document cursor = (Document) response.get("cursor");
                for (Document info : (List<Document>) cursor.get("firstBatch")) {
                    Document options = optionsByNamespace.get(database + "." + info.get("name"));
                    if (options != null) {
                        info.put("options", new Document(options));
                        if (options.containsKey("viewOn")) {
                            info.put("type", "view");
                        } else if (options.containsKey("timeseries")) {
                            info.put("type", "timeseries");
                        }
                    }
                }
                return response;
            }
            default -> {}
        }
        return super.handleCommand(channel, database, command, query);
    }
}
