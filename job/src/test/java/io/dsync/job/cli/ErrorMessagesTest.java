package io.dsync.job.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ErrorMessagesTest {

    @Test
    void redactsPasswordsOfEveryConnectionStringInAText() {
        String text =
                "cannot copy mongodb://alice:s3cret@h1:27017/?replicaSet=rs to"
                        + " mongodb+srv://bob:p%40ss@cluster.example.net/db";
        String redacted = ErrorMessages.redact(text);
        assertThat(redacted)
                .doesNotContain("s3cret")
                .doesNotContain("p%40ss")
                .contains("mongodb://alice:****@h1:27017")
                .contains("mongodb+srv://bob:****@cluster.example.net");
    }

    @Test
    void describesTheMostInformativeCause() {
        RuntimeException e =
                new RuntimeException(new IllegalStateException("mongodb://u:pw@h/ refused"));
        assertThat(ErrorMessages.describe(e)).contains("refused").doesNotContain(":pw@");
        assertThat(ErrorMessages.describe(new UserError("plain"))).isEqualTo("plain");
    }

    /** Issue 16, case 11: a driver message quoting a piece of an unencoded password. */
    @Test
    void hidesPasswordsGivenOnTheCommandLineWhereverTheyStand() {
        KnownPasswords.rememberIn("migrate", "--source=mongodb://alice:s3cr3t/l34k@h1/", "--x");
        String message = "The connection string contains an invalid host 'alice:s3cr3t'";
        assertThat(ErrorMessages.redact(message))
                .isEqualTo("The connection string contains an invalid host 'alice:****'");
        String trace =
                ErrorMessages.stackTrace(
                        new UserError("refused", new IllegalArgumentException(message + " l34k")));
        assertThat(trace)
                .contains("refused")
                .contains("\tat ")
                .doesNotContain("s3cr3t")
                .doesNotContain("l34k");
    }
}
