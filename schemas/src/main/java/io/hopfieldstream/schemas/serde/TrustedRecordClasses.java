package io.hopfieldstream.schemas.serde;

import org.apache.avro.util.ClassSecurityValidator;
import org.apache.avro.util.ClassSecurityValidator.ClassSecurityPredicate;

/**
 * Adds the generated record classes to the classes that Avro's specific decoder may instantiate.
 *
 * <p>Avro 1.12.2 validates every class its {@code SpecificData} loads for a schema name and, by
 * default, trusts only {@code java.lang} boxes, {@code BigDecimal}, {@code BigInteger} and the
 * packages named in the system property {@code org.apache.avro.SERIALIZABLE_PACKAGES}. That property
 * is read once, when {@code ClassSecurityValidator} initialises, so setting it from code works only
 * if nothing touched Avro before. Instead this class widens Avro's global predicate with
 * {@link ClassSecurityValidator#setGlobal}, which takes effect at any time: the result trusts
 * everything the previous predicate trusted plus the classes of this package's records. Users
 * therefore need not set the property, and a value they do set still applies.
 */
final class TrustedRecordClasses {

    /** Package of the generated records, with the trailing dot so that a prefix match stays inside it. */
    static final String RECORD_PACKAGE_PREFIX = "io.hopfieldstream.schemas.";

    private static boolean installed;

    private TrustedRecordClasses() {
    }

    /** Widens Avro's global class predicate once per class loader; later calls do nothing. */
    static synchronized void install() {
        if (installed) {
            return;
        }

        ClassSecurityPredicate previous = ClassSecurityValidator.getGlobal();
        ClassSecurityPredicate records = type -> type.getName().startsWith(RECORD_PACKAGE_PREFIX);
        ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(previous, records));
        installed = true;
    }
}
