package io.hopfieldstream.schemas.serde;

import io.hopfieldstream.schemas.Probe;
import io.hopfieldstream.schemas.Topics;

/**
 * Decodes one probe in a fresh JVM and prints the outcome, for {@link TrustedRecordClassesTest}.
 * With the argument {@code serde} it goes through {@link RecordSerdes}; with {@code plain-avro} it
 * uses only Avro's generated decoder, which shows whether Avro's class check is active at all.
 */
public final class TrustCheckMain {

    private TrustCheckMain() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("property=" + System.getProperty("org.apache.avro.SERIALIZABLE_PACKAGES"));
        Probe probe = SampleRecords.probe();

        try {
            Probe decoded;
            if (args[0].equals("serde")) {
                AvroSerde<Probe> serde = RecordSerdes.probe();
                byte[] bytes = serde.serializer().serialize(Topics.IMAGES_CORRUPTED, probe);
                decoded = serde.deserializer().deserialize(Topics.IMAGES_CORRUPTED, bytes);
            } else {
                decoded = Probe.getDecoder().decode(Probe.getEncoder().encode(probe));
            }
            System.out.println("decoded " + decoded.getProbeId() + " equal=" + decoded.equals(probe));
        } catch (SecurityException e) {
            System.out.println("rejected " + e.getMessage());
        }
    }
}
