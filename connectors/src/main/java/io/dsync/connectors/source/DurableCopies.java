package io.dsync.connectors.source;

import io.dsync.connectors.record.CopyDurable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The enumerator's account of which namespaces' copies are durable, for the race guard's
 * copy-durable markers. A namespace whose last range has finished becomes durable when the first
 * checkpoint taken after that completes: every reader emitted the namespace's records before it
 * reported the range finished, so before that checkpoint's barrier. A namespace found complete in
 * restored state is durable at once (its records were before the restored checkpoint's barrier, and
 * a restore re-reads none of them). {@link CopyDurable#EVERY_NAMESPACE} stands for the whole copy.
 */
final class DurableCopies {

    /** Complete namespaces, mapped to the checkpoint that makes them durable (-1: not taken). */
    private final Map<String, Long> awaiting = new LinkedHashMap<>();

    private final Set<String> durable = new LinkedHashSet<>();

    /** The namespace's copy is complete; it is durable once the next checkpoint completes. */
    void copied(String namespace) {
        if (!durable.contains(namespace)) {
            awaiting.putIfAbsent(namespace, -1L);
        }
    }

    /** The namespace's copy was complete in the restored state (or there is no copy): durable. */
    void durableNow(String namespace) {
        awaiting.remove(namespace);
        durable.add(namespace);
    }

    /** A range of the namespace is being read again: it (and the whole copy) is not complete. */
    void reopened(String namespace) {
        awaiting.remove(namespace);
        awaiting.remove(CopyDurable.EVERY_NAMESPACE);
    }

    void checkpointTaken(long checkpointId) {
        awaiting.replaceAll((namespace, cp) -> cp < 0 ? checkpointId : cp);
    }

    /** The namespaces this completed checkpoint makes durable. */
    List<String> checkpointCompleted(long checkpointId) {
        List<String> now = new ArrayList<>();
        Iterator<Map.Entry<String, Long>> it = awaiting.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<String, Long> e = it.next();
            if (e.getValue() >= 0 && e.getValue() <= checkpointId) {
                it.remove();
                durable.add(e.getKey());
                now.add(e.getKey());
            }
        }
        return now;
    }

    /**
     * Every namespace durable so far, to send again to a (re)registered stream reader: the guard
     * may have been restored from a checkpoint taken before it saw the markers.
     */
    List<String> all() {
        return durable.contains(CopyDurable.EVERY_NAMESPACE)
                ? List.of(CopyDurable.EVERY_NAMESPACE)
                : List.copyOf(durable);
    }
}
