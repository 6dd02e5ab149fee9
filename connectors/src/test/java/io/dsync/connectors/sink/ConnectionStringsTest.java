package io.dsync.connectors.sink;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConnectionStringsTest {

    @Test
    void hidesThePasswordOfStandardConnectionStrings() {
        assertThat(ConnectionStrings.redact("mongodb://alice:s3cret@h1:27017,h2:27018/db?w=1"))
                .isEqualTo("mongodb://alice:****@h1:27017,h2:27018/db?w=1");
    }

    @Test
    void hidesThePasswordOfSrvConnectionStrings() {
        assertThat(
                        ConnectionStrings.redact(
                                "mongodb+srv://bob:p%40ss%3Aw0rd@cluster0.abc.mongodb.net/?retryWrites=true"))
                .isEqualTo("mongodb+srv://bob:****@cluster0.abc.mongodb.net/?retryWrites=true");
    }

    @Test
    void keepsStringsWithoutPassword() {
        assertThat(ConnectionStrings.redact("mongodb://localhost:27017"))
                .isEqualTo("mongodb://localhost:27017");
        assertThat(ConnectionStrings.redact("mongodb://CN=client@host/?authMechanism=MONGODB-X509"))
                .isEqualTo("mongodb://CN=client@host/?authMechanism=MONGODB-X509");
        assertThat(ConnectionStrings.redact(null)).isNull();
    }

    @Test
    void hidesPasswordsContainingUnencodedSpecialCharacters() {
        assertThat(ConnectionStrings.redact("mongodb://u:a@b@host/db"))
                .isEqualTo("mongodb://u:****@host/db");
        assertThat(ConnectionStrings.redact("mongodb://u:pa/ss@host/db?appName=x"))
                .doesNotContain("pa/ss")
                .doesNotContain("ss@")
                .startsWith("mongodb://u:****@host");
    }

    /** Issue 16, case 11: unencoded @ / ? # : in a password never show, whole or in part. */
    @Test
    void hidesAwkwardPasswordsWholly() {
        assertThat(ConnectionStrings.redact("mongodb://u:a@b/c@host/db"))
                .isEqualTo("mongodb://u:****@host/db");
        assertThat(ConnectionStrings.redact("mongodb://u:p@ss/@host:27017/?w=1"))
                .isEqualTo("mongodb://u:****@host:27017/?w=1");
        assertThat(ConnectionStrings.redact("mongodb://u:p/?s#s@host/db?appName=me@work"))
                .isEqualTo("mongodb://u:****@host/db?appName=me@work");
        assertThat(ConnectionStrings.redact("mongodb://u:p@ss:w%rd@h1,h2/?replicaSet=rs"))
                .isEqualTo("mongodb://u:****@h1,h2/?replicaSet=rs");
        assertThat(ConnectionStrings.redact("mongodb://u:@@host/"))
                .isEqualTo("mongodb://u:****@host/");
        assertThat(ConnectionStrings.redact("mongodb://u::@host/"))
                .isEqualTo("mongodb://u:****@host/");
        assertThat(ConnectionStrings.redactIn("failed: 'mongodb+srv://u:x@y/z?q#@c.example.net/'"))
                .isEqualTo("failed: 'mongodb+srv://u:****@c.example.net/'");
    }

    @Test
    void findsThePasswordItHides() {
        assertThat(ConnectionStrings.passwordOf("mongodb://u:a@b/c@host/db")).isEqualTo("a@b/c");
        assertThat(ConnectionStrings.passwordOf("mongodb://host/db?appName=me@work")).isNull();
        assertThat(ConnectionStrings.passwordOf("mongodb://CN=client@host/")).isNull();
    }

    @Test
    void anAtSignInTheOptionsIsNotMistakenForUserInformation() {
        assertThat(ConnectionStrings.redact("mongodb://host/db?appName=me@work"))
                .isEqualTo("mongodb://host/db?appName=me@work");
        assertThat(ConnectionStrings.redact("mongodb://u:pw@host/db?appName=me@work"))
                .isEqualTo("mongodb://u:****@host/db?appName=me@work");
    }

    @Test
    void hidesSecretOptions() {
        assertThat(
                        ConnectionStrings.redact(
                                "mongodb://h/?tls=true&tlsCertificateKeyFilePassword=topsecret&w=1"))
                .isEqualTo("mongodb://h/?tls=true&tlsCertificateKeyFilePassword=****&w=1");
        assertThat(
                        ConnectionStrings.redact(
                                "mongodb://h/?authMechanism=MONGODB-AWS"
                                        + "&authMechanismProperties=AWS_SESSION_TOKEN:tok123,X:y"))
                .isEqualTo(
                        "mongodb://h/?authMechanism=MONGODB-AWS"
                                + "&authMechanismProperties=AWS_SESSION_TOKEN:****,X:y");
    }
}
