package io.dsync.job;

/** Entry point placeholder; replaced by the picocli command tree. */
public final class DsyncMain {
    public static void main(String[] args) {}
}
