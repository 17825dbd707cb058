package io.hopfieldstream.launcher;

import picocli.CommandLine;

/** Reads the version from the launcher jar's manifest; "development build" when run from classes. */
final class VersionProvider implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = Hopfield.class.getPackage().getImplementationVersion();
        String javaVersion = System.getProperty("java.version");
        return new String[] {
                "hopfield " + (version == null ? "development build" : version),
                "Java " + javaVersion + " (" + System.getProperty("java.vm.name") + ")"
        };
    }
}
