package dev.lakejwt.core.client;

/**
 * The {@code format} of a Query Service answer. {@link #OBJECT} (one JSON object per row) is Query
 * Service's default.
 *
 * <p>Easy to get wrong: with {@link #ARRAY} and {@link #CSV} column names come only from the column
 * metadata ({@code includeColumns}) or the CSV header line; {@link QueryResult} names columns
 * {@code column1, column2, …} when Lake did not send names.
 */
public enum ResultFormat {
    OBJECT("object"), ARRAY("array"), CSV("csv");

    private final String wireName;

    ResultFormat(String wireName) {
        this.wireName = wireName;
    }

    /** The value sent in the request body's {@code format} field. */
    public String wireName() {
        return wireName;
    }
}
