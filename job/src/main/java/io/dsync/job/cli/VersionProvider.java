package io.dsync.job.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/** Reads the versions Maven wrote into {@code dsync-version.properties} at build time. */
public final class VersionProvider implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() throws IOException {
        Properties properties = new Properties();
        try (InputStream in =
                VersionProvider.class.getResourceAsStream("/dsync-version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        }
        return new String[] {
            "dsync " + properties.getProperty("version", "unknown"),
            "Apache Flink "
                    + properties.getProperty("flink", "unknown")
                    + ", MongoDB Java driver "
                    + properties.getProperty("driver", "unknown"),
            "Java "
                    + System.getProperty("java.version")
                    + " ("
                    + System.getProperty("java.vendor")
                    + ")"
        };
    }
}
