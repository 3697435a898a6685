package dev.lakejwt.testkit;

import dev.lakejwt.testkit.verify.RejectionReason;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Predicate;

/**
 * Every request the fake Lake received, oldest first, with its token verdict: what tests assert on
 * ("the client sent exactly one token", "the second call was refused as EXPIRED"). Bounded: the
 * oldest entries are dropped past the capacity (default 1,000). Thread-safe.
 *
 * <p>Easy to get wrong: the journal records requests to Lake paths only, not the inspector page or
 * WireMock's admin API; and with a fake shared by a test class it holds the earlier tests' requests
 * too unless the extension resets it between tests (its default).
 */
public final class LakeJournal {
    private final int capacity;
    private final Deque<JournalEntry> entries = new ArrayDeque<>();
    private long sequence;

    LakeJournal(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("journal capacity must be at least 1");
        }
        this.capacity = capacity;
    }

    synchronized long nextSequence() {
        return ++sequence;
    }

    synchronized void add(JournalEntry entry) {
        entries.addLast(entry);
        while (entries.size() > capacity) {
            entries.removeFirst();
        }
    }

    /** A snapshot of all entries, oldest first. */
    public synchronized List<JournalEntry> entries() {
        return List.copyOf(entries);
    }

    /** The newest entries first, at most {@code limit}. */
    public synchronized List<JournalEntry> newest(int limit) {
        List<JournalEntry> out = new ArrayList<>(Math.min(limit, entries.size()));
        var it = entries.descendingIterator();
        while (it.hasNext() && out.size() < limit) {
            out.add(it.next());
        }
        return out;
    }

    public synchronized int size() {
        return entries.size();
    }

    public synchronized boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The newest entry; fails when nothing was received yet. */
    public synchronized JournalEntry last() {
        if (entries.isEmpty()) {
            throw new IllegalStateException("the fake Lake has received no request yet");
        }
        return entries.getLast();
    }

    /** Entries whose token was accepted. */
    public List<JournalEntry> accepted() {
        return matching(JournalEntry::accepted);
    }

    /** Entries whose token was refused. */
    public List<JournalEntry> rejected() {
        return matching(e -> !e.accepted());
    }

    /** Entries refused for {@code reason}. */
    public List<JournalEntry> rejected(RejectionReason reason) {
        return matching(e -> e.verdict().reason().filter(reason::equals).isPresent());
    }

    public synchronized List<JournalEntry> matching(Predicate<JournalEntry> predicate) {
        return entries.stream().filter(predicate).toList();
    }

    /** Forgets every entry and restarts the sequence at 1. */
    public synchronized void clear() {
        entries.clear();
        sequence = 0;
    }

    @Override
    public synchronized String toString() {
        return "LakeJournal" + entries;
    }
}
