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
}
