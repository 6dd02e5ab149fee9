package io.dsync.benchmarks.process;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcStatsTest {

    @Test
    void cpuTicksAreUtimePlusStimeCountedAfterTheCommandName() {
        // the command name may contain spaces and parentheses
        String stat =
                "4242 (java (main) x) S 1 4242 4242 0 -1 4194560 9000 0 0 0 1234 567 0 0 20 0 40 0"
                        + " 100 9000000 30000 18446744073709551615";
        assertThat(ProcStats.parseCpuTicks(stat)).isEqualTo(1234 + 567);
    }

    @Test
    void kilobyteFieldsOfStatusAreBytes() {
        String status = "Name:\tjava\nVmPeak:\t 9000 kB\nVmHWM:\t  204800 kB\nVmRSS:\t 102400 kB\n";
        assertThat(ProcStats.parseKilobytes(status, "VmHWM:")).hasValue(204800L * 1024);
        assertThat(ProcStats.parseKilobytes(status, "VmRSS:")).hasValue(102400L * 1024);
        assertThat(ProcStats.parseKilobytes(status, "VmSwap:")).isEmpty();
    }

    @Test
    void thisProcessIsReadable() {
        long pid = ProcessHandle.current().pid();
        assertThat(ProcStats.peakRssBytes(pid)).isPresent();
        assertThat(ProcStats.cpuTicks(pid)).isPresent();
        assertThat(ProcStats.cpuTicks(Long.MAX_VALUE)).isEmpty();
    }
}
