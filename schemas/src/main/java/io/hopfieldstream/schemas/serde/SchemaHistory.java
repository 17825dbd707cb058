package io.hopfieldstream.schemas.serde;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * Loads the earlier versions of a record's schema from class-path resources.
 *
 * <p>Convention: every version that was ever published, except the current one compiled into the
 * record class, is kept as {@code <package path>/history/<SimpleName>-v<N>.avsc}, numbered from 1
 * without gaps, for example {@code io/hopfieldstream/schemas/history/Reconstruction-v1.avsc}. Each
 * file is a complete snapshot: it defines nested records such as {@code Corruption} inline instead
 * of referring to the current definition, because that may change later. When a record's schema
 * changes, copy its previous {@code .avsc} to the next free number here so messages written with
 * it still decode.
 */
final class SchemaHistory {

    private SchemaHistory() {
    }

    /**
     * Returns the earlier schema versions of a record, oldest first; an empty list when it has none.
     *
     * @throws IllegalStateException if a history file cannot be read or parsed, or defines another record
     */
    static List<Schema> earlierVersions(Class<?> recordClass) {
        String directory = recordClass.getPackageName().replace('.', '/') + "/history/";
        ClassLoader loader = recordClass.getClassLoader();
        List<Schema> versions = new ArrayList<>();

        for (int version = 1; ; version++) {
            String resource = directory + recordClass.getSimpleName() + "-v" + version + ".avsc";
            try (InputStream in = loader.getResourceAsStream(resource)) {
                if (in == null) {
                    return versions;
                }
                versions.add(parse(resource, in, recordClass.getName()));
            } catch (IOException e) {
                throw new UncheckedIOException("Failed to read schema history file " + resource, e);
            }
        }
    }

    private static Schema parse(String resource, InputStream in, String expectedFullName) throws IOException {
        Schema schema;
        try {
            schema = new Schema.Parser().parse(in);
        } catch (SchemaParseException e) {
            throw new IllegalStateException("Invalid Avro schema in history file " + resource + ": " + e.getMessage(), e);
        }

        if (!schema.getFullName().equals(expectedFullName)) {
            throw new IllegalStateException("History file " + resource + " defines record " + schema.getFullName()
                    + ", expected " + expectedFullName);
        }
        return schema;
    }
}
